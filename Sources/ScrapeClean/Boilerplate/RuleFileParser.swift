import Foundation

/// Reads a rule file (`{"rules": [ … ]}`) into ``Rule`` values, checking every field.
///
/// Errors are ``CleanerError/invalidRules(source:reason:)`` naming the file, the rule id (or
/// its position when the id is missing) and the problem:
///
/// ```swift
/// try RuleFileParser.parse(json: "{\"rules\": [{\"id\": \"x.y\"}]}", source: "mine.json")
/// // mine.json: invalid rules: rule 'x.y': missing "category"
/// ```
enum RuleFileParser {
    static func parse(json: String, source: String) throws(CleanerError) -> [Rule] {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(json.utf8))
        } catch {
            throw .invalidRules(source: source, reason: "not valid JSON (\(Self.describe(error)))")
        }
        guard let top = object as? [String: Any], let list = top["rules"] else {
            throw .invalidRules(source: source, reason: "expected an object with a \"rules\" array")
        }
        guard let items = list as? [Any] else {
            throw .invalidRules(source: source, reason: "\"rules\" must be an array")
        }
        var rules: [Rule] = []
        for (position, item) in items.enumerated() {
            guard let fields = item as? [String: Any] else {
                throw .invalidRules(source: source, reason: "rule #\(position + 1) is not an object")
            }
            rules.append(try parseRule(fields, position: position, source: source))
        }
        return rules
    }

    private static let knownKeys: Set<String> = [
        "id", "category", "description", "zone", "keywords", "pattern", "action", "guards",
        "truncation", "examples",
    ]

    private static func parseRule(_ fields: [String: Any], position: Int,
                                  source: String) throws(CleanerError) -> Rule {
        let name: String
        if let id = fields["id"] as? String, !id.isEmpty {
            name = "rule '\(id)'"
        } else {
            name = "rule #\(position + 1)"
        }
        func fail(_ problem: String) -> CleanerError {
            .invalidRules(source: source, reason: "\(name): \(problem)")
        }
        if let unknown = fields.keys.sorted().first(where: { !knownKeys.contains($0) }) {
            throw fail("unknown field \"\(unknown)\" (known: \(knownKeys.sorted().joined(separator: ", ")))")
        }
        guard let id = fields["id"] as? String, !id.isEmpty else { throw fail("missing \"id\"") }
        guard id.range(of: #"^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$"#, options: .regularExpression) != nil else {
            throw fail("the id must be dotted lower-case words such as \"banner.app-install\"")
        }
        guard let category = fields["category"] as? String, !category.isEmpty else {
            throw fail("missing \"category\"")
        }
        let description = fields["description"] as? String
        let zone = try parseZone(fields["zone"], fail: fail)
        guard let keywords = fields["keywords"] as? [String], !keywords.isEmpty else {
            throw fail("\"keywords\" must be a non-empty array of strings (the prefilter)")
        }
        if keywords.contains(where: { $0.isEmpty }) { throw fail("a keyword is empty") }
        guard let pattern = fields["pattern"] as? String, !pattern.isEmpty else {
            throw fail("missing \"pattern\"")
        }
        do {
            // Compiled as the rule engine will compile it (the system ICU), so that a pattern is
            // rejected here, with its file and rule, and never later.
            _ = try ICURegex(pattern: pattern)
        } catch {
            throw fail("the pattern does not compile as an ICU regular expression (\(error.reason)): \(pattern)")
        }
        for group in namedGroups(in: pattern) where !Rule.capturableFields.contains(group) {
            throw fail("named group \"\(group)\" is not a metadata field (use one of \(Rule.capturableFields.sorted().joined(separator: ", ")))")
        }
        guard let actionName = fields["action"] as? String else { throw fail("missing \"action\"") }
        guard let action = Rule.Action(rawValue: actionName) else {
            throw fail("unknown action \"\(actionName)\" (use \(Rule.Action.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        let guards = try parseGuards(fields["guards"], fail: fail)
        var truncation = false
        if let value = fields["truncation"] {
            guard let flag = value as? Bool else { throw fail("\"truncation\" must be true or false") }
            truncation = flag
        }
        var examples = Rule.Examples()
        if let value = fields["examples"] {
            guard let object = value as? [String: Any] else {
                throw fail("\"examples\" must be an object {\"match\": [...], \"keep\": [...]}")
            }
            for key in object.keys where key != "match" && key != "keep" {
                throw fail("unknown key \"\(key)\" in \"examples\"")
            }
            guard let match = (object["match"] ?? [String]()) as? [String],
                  let keep = (object["keep"] ?? [String]()) as? [String] else {
                throw fail("\"examples.match\" and \"examples.keep\" must be arrays of strings")
            }
            examples = Rule.Examples(match: match, keep: keep)
        }
        return Rule(id: id, category: category, description: description, zone: zone,
                    keywords: keywords, pattern: pattern, action: action, guards: guards,
                    truncation: truncation, examples: examples)
    }

    private static func parseZone(_ value: Any?, fail: (String) -> CleanerError) throws(CleanerError) -> Rule.Zone {
        guard let value else { return .anywhere }
        if let name = value as? String {
            guard name == "anywhere" else {
                throw fail("zone \"\(name)\" needs a line budget: {\"zone\": \"\(name)\", \"lines\": N}")
            }
            return .anywhere
        }
        guard let object = value as? [String: Any], let name = object["zone"] as? String else {
            throw fail("\"zone\" must be \"anywhere\" or {\"zone\": \"head\"|\"tail\"|\"anywhere\", \"lines\": N}")
        }
        if name == "anywhere" { return .anywhere }
        guard let lines = object["lines"] as? Int, lines > 0 else {
            throw fail("zone \"\(name)\" needs a positive \"lines\" budget")
        }
        switch name {
        case "head": return .head(lines)
        case "tail": return .tail(lines)
        default: throw fail("unknown zone \"\(name)\" (use head, tail or anywhere)")
        }
    }

    private static func parseGuards(_ value: Any?, fail: (String) -> CleanerError) throws(CleanerError) -> Rule.Guards {
        guard let value else { return Rule.Guards() }
        guard let object = value as? [String: Any] else { throw fail("\"guards\" must be an object") }
        var guards = Rule.Guards()
        for (key, raw) in object {
            switch key {
            case "maxLength", "minLength":
                guard let number = raw as? Int, number >= 0 else { throw fail("guard \"\(key)\" must be a non-negative integer") }
                if key == "maxLength" { guards.maxLength = number } else { guards.minLength = number }
            case "maxSentenceShare":
                guard let number = raw as? Double, (0...1).contains(number) else {
                    throw fail("guard \"maxSentenceShare\" must be a number from 0 to 1")
                }
                guards.maxSentenceShare = number
            case "beforeBody", "notStepNumber":
                guard let flag = raw as? Bool else { throw fail("guard \"\(key)\" must be true or false") }
                if key == "beforeBody" { guards.beforeBody = flag } else { guards.notStepNumber = flag }
            default:
                throw fail("unknown guard \"\(key)\" (known: maxLength, minLength, maxSentenceShare, beforeBody, notStepNumber)")
            }
        }
        return guards
    }

    /// The names of `(?<name>…)` groups in an ICU pattern.
    static func namedGroups(in pattern: String) -> [String] {
        var names: [String] = []
        let scalars = Array(pattern.unicodeScalars)
        var index = 0
        while index + 3 < scalars.count {
            if scalars[index] == "\\" { index += 2; continue }
            if scalars[index] == "(", scalars[index + 1] == "?", scalars[index + 2] == "<",
               scalars[index + 3] != "=", scalars[index + 3] != "!" {
                var end = index + 3
                var name = String.UnicodeScalarView()
                while end < scalars.count, scalars[end] != ">" { name.append(scalars[end]); end += 1 }
                names.append(String(name))
                index = end
            }
            index += 1
        }
        return names
    }

    private static func describe(_ error: Error) -> String {
        let text = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
        return text ?? "\(error.localizedDescription)"
    }
}
