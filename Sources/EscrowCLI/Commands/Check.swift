import ArgumentParser
import EscrowCore
import Foundation

/// `escrow check FILE`: every problem in an agreement file, each with its line, before an
/// escrow is opened on it.
struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check an agreement (or obligations) file: every problem, with its line; exit 0 when clean, 2 when not, 6 on model findings.",
        discussion: """
            Passes: YAML syntax, then the format's shape (docs/agreement.schema.json: unknown, missing and \
            mistyped keys), then the terms (parties, amounts, conditions, calendar), then the model: every \
            order of the agreement's events (deposits, documents, signatures, instructions, the refund deadline, \
            a dispute hold, release, refund) run through the engine's own rules, within a bound on states and \
            steps, reporting funds that could be stuck for ever, clauses that can never apply, a deadline \
            without consequence (exit 6), and rules that apply at the same instant (a note: it says which \
            wins). Each finding prints the shortest path of steps to it. A pass runs when the ones before it \
            are clean. `--print-schema` prints the JSON Schema instead.
            """)

    @Argument(help: "Agreement file (YAML or JSON); see docs/agreement-format.md.")
    var file: String?

    @Flag(help: "Print the agreement format's JSON Schema (draft 2020-12) and exit.")
    var printSchema = false

    @Flag(help: "Print the problems as JSON.")
    var json = false

    func run() async throws {
        try await reporting {
            if printSchema {
                print(AgreementSchema.json, terminator: "")
                return
            }
            guard let file else { throw CLIFailure(.invalid, "name the file to check: escrow check FILE") }
            let data = try Files.read(file, what: "agreement file")
            guard let text = String(data: data, encoding: .utf8) else {
                throw CLIFailure(.invalid, "agreement file '\(file)' is not UTF-8 text")
            }
            let problems = AgreementCheck.problems(in: text, sourceName: file)
            // The model pass runs on an agreement whose terms are clean (an obligations file has none).
            let model: ModelCheckReport? =
                if problems.isEmpty, let terms = try? AgreementFile.parse(text, sourceName: file) { AgreementModelCheck.explore(terms) } else { nil }
            if json {
                print(Output.json(Report(problems: problems.map(ProblemLine.init), model: model)))
            } else if problems.isEmpty {
                print("\(file): no problems found")
                if let model { printModel(model) }
            } else {
                for problem in problems { print(problem) }
                print("\(problems.count) problem\(problems.count == 1 ? "" : "s") in \(file)")
            }
            if !problems.isEmpty { throw ExitCode(CLIFailure.Class.invalid.rawValue) }
            if let model, !model.findings.isEmpty { throw ExitCode(Self.modelFindingsExitCode) }
        }
    }

    /// The exit status when the shape and terms are clean and the model pass found a fault.
    static let modelFindingsExitCode: Int32 = 6

    func printModel(_ model: ModelCheckReport) {
        print("model: \(model.coverage)")
        for finding in model.findings { print(finding) }
        for note in model.notes { print("note: \(note)") }
        let count = model.findings.count
        print(count == 0 ? "model: no findings" : "model: \(count) finding\(count == 1 ? "" : "s")")
    }

    /// The whole answer as JSON: the problems, and the model pass when it ran.
    struct Report: Encodable {
        var problems: [ProblemLine]
        var model: ModelCheckReport?
    }

    /// One problem as JSON.
    struct ProblemLine: Encodable {
        var pass: String
        var line: Int?
        var column: Int?
        var field: String
        var message: String

        init(_ problem: CheckProblem) {
            pass = problem.pass.rawValue
            line = problem.line
            column = problem.column
            field = problem.field
            message = problem.message
        }
    }
}
