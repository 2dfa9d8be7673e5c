/// The ordered stages a document flows through (DESIGN.md §2).
public enum Stage: String, Sendable, Codable, CaseIterable, Comparable {
    case decode
    case hygiene
    case mojibake
    case annotations
    case boilerplate
    case conversion
    case punctuation
    case layout

    public static func < (lhs: Stage, rhs: Stage) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A stage that works on a ``Document`` in place and records every change it makes.
///
/// Stages are small value types built once per ``Cleaner`` and shared across threads.
public protocol CleaningStage: Sendable {
    /// Which pipeline stage this is.
    var stage: Stage { get }
    /// Applies the stage. Every change must be recorded as an ``Edit`` on the document.
    func apply(to document: inout Document)
}
