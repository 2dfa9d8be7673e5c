import Foundation
@_spi(LineModelTraining) import ScrapeClean

/// `scrapeclean-bench line-features DOCS OUT [MODEL]`: runs the cleaner on every `DOCS/*.txt`
/// up to the line model and writes one TSV row per line the model sees, for
/// `Scripts/train_line_model.py` (which computes no feature itself):
///
/// ```
/// page  origin  text  buckets            f0,f1,…
/// a--1  3       首页 > 新闻  812 4410 …  4,1.609,…
/// ```
///
/// `page` is the file name without `.txt`, `origin` the 1-based line number in the file,
/// `text` the line (tabs written as spaces), `buckets` the distinct bigram buckets of the line,
/// then the feature vector. Without MODEL, the vocabulary is empty (its features are 0); with
/// MODEL (a model file, trees or not), its vocabulary is used. The first line is a header with
/// the feature names.
func lineFeatureDump(documents: String, out: String, model: String?) throws {
    var options = CleanOptions()
    if let model { options.lineModelFile = model } else { options.disabledRules = ["model.line"] }
    let cleaner = try Cleaner(options: options)
    var output = "page\torigin\ttext\tbuckets\t" + Cleaner.lineModelFeatureNames.joined(separator: ",") + "\n"
    var rows = 0
    for (name, bytes) in try readDocuments(in: documents) {
        let page = String(name.dropLast(4))
        let text = String(decoding: bytes, as: UTF8.self)
        for row in cleaner.lineModelRows(text: text) {
            output += page + "\t" + String(row.origin) + "\t" + row.text.replacingOccurrences(of: "\t", with: " ") + "\t"
            output += row.buckets.map(String.init).joined(separator: " ") + "\t"
            output += row.features.map { String($0) }.joined(separator: ",") + "\n"
            rows += 1
        }
    }
    try writeFile(output, to: out)
    FileHandle.standardError.write(Data("line-features: \(rows) lines in \(out)\n".utf8))
}
