import ArgumentParser
import EscrowCore
import Foundation

/// `escrow check FILE`: every problem in an agreement file, each with its line, before an
/// escrow is opened on it.
struct Check: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check an agreement (or obligations) file: every problem, with its line; exit 0 when clean, 2 when not.",
        discussion: """
            Passes: YAML syntax, then the format's shape (docs/agreement.schema.json: unknown, missing and \
            mistyped keys), then the terms (parties, amounts, conditions, calendar). A pass runs when the ones \
            before it are clean. `--print-schema` prints the JSON Schema instead.
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
            if json {
                print(Output.json(problems.map(ProblemLine.init)))
            } else if problems.isEmpty {
                print("\(file): no problems found")
            } else {
                for problem in problems { print(problem) }
                print("\(problems.count) problem\(problems.count == 1 ? "" : "s") in \(file)")
            }
            if !problems.isEmpty { throw ExitCode(CLIFailure.Class.invalid.rawValue) }
        }
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
