/// The outcome of cleaning one document.
public struct CleanResult: Sendable, Equatable {
    /// The cleaned text: lines joined with `\n`, ending with one `\n` unless empty.
    public var text: String
    /// What the document states about itself and what the cleaner found.
    public var metadata: Metadata
    /// Every change, in pipeline order.
    public var edits: [Edit]

    public init(text: String, metadata: Metadata, edits: [Edit]) {
        self.text = text
        self.metadata = metadata
        self.edits = edits
    }

    /// How many edits each stage made.
    public var editCountsByStage: [Stage: Int] {
        edits.reduce(into: [:]) { $0[$1.stage, default: 0] += 1 }
    }
}
