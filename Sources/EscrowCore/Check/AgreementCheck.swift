import Yams

/// The passes of `escrow check`, in the order they run.
public enum CheckPass: String, Hashable, Sendable, CaseIterable {
    /// The text is one YAML document.
    case syntax
    /// The document has the format's shape: known keys, required keys, values of the right kind.
    case shape
    /// The terms hold together: references resolve, amounts add up, dates fit the calendar.
    case terms
}

/// Checks an agreement file and reports every problem found, each with its line, rather than
/// only the first as ``AgreementFile/parse(_:sourceName:)`` does.
///
/// The passes run in order, and a pass runs only when the ones before it found nothing, since
/// each reads what the one before established: the shape pass needs a document, the terms pass
/// needs terms. A later pass (exploring the agreement as a model: every path ends, money is
/// preserved) goes after ``CheckPass/terms`` in ``passes``.
public enum AgreementCheck {
    /// What one pass may read: the text, and once parsed, its document.
    struct Subject {
        var text: String
        var sourceName: String
        var document: Yams.Node?
    }

    /// The passes, each a function from the subject to its problems.
    static var passes: [(CheckPass, (inout Subject) -> [CheckProblem])] {
        [
            (.syntax, syntaxPass),
            (.shape, shapePass),
            (.terms, termsPass),
        ]
    }

    /// Every problem in `text`, in pass order and, within the shape pass, document order;
    /// empty when the file would open an escrow.
    public static func problems(in text: String, sourceName: String = "agreement") -> [CheckProblem] {
        var subject = Subject(text: text, sourceName: sourceName, document: nil)
        for (kind, pass) in passes {
            let found = pass(&subject)
            if !found.isEmpty { return found }
            if kind == .syntax, let document = subject.document, isObligationsFile(document) {
                return obligationProblems(in: text, sourceName: sourceName)
            }
        }
        return []
    }

    /// Whether the document is an obligations file (`docs/obligations-format.md`): it opens
    /// with `instrument:` where an agreement opens with `agreement:`.
    static func isObligationsFile(_ document: Yams.Node) -> Bool {
        guard case .mapping(let mapping) = document else { return false }
        let keys = Set(mapping.compactMap { key, _ -> String? in
            if case .scalar(let scalar) = key { scalar.string } else { nil }
        })
        return keys.contains("instrument") && !keys.contains("agreement")
    }

    /// An obligations file has no schema yet; its reader's first problem is reported.
    static func obligationProblems(in text: String, sourceName: String) -> [CheckProblem] {
        do {
            _ = try ObligationFile.parse(text, sourceName: sourceName)
            return []
        } catch {
            return [CheckProblem(pass: .terms, error)]
        }
    }

    static func syntaxPass(_ subject: inout Subject) -> [CheckProblem] {
        do {
            subject.document = try AgreementFile.composeDocument(subject.text, sourceName: subject.sourceName)
            return []
        } catch {
            return [CheckProblem(pass: .syntax, error)]
        }
    }

    static func shapePass(_ subject: inout Subject) -> [CheckProblem] {
        guard let document = subject.document else { return [] }
        return AgreementSchema.root.problems(in: document, sourceName: subject.sourceName)
    }

    static func termsPass(_ subject: inout Subject) -> [CheckProblem] {
        guard let document = subject.document else { return [] }
        var reader = AgreementFileReader(sourceName: subject.sourceName)
        let terms: AgreementTerms
        do {
            terms = try reader.readTerms(document)
        } catch {
            // What the shape pass cannot see: an amount with more decimals than the currency.
            return [CheckProblem(pass: .terms, error)]
        }
        let validator = AgreementTermsValidator(terms: terms, sourceName: subject.sourceName, locations: reader.locations)
        return validator.problems().map { CheckProblem(pass: .terms, $0) }
    }
}
