import ArgumentParser
import EscrowCore
import EscrowStore
import Foundation

/// Runs a command body, turning failures into one line on standard error and an exit code.
func reporting(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let failure as CLIFailure {
        FileHandle.standardError.write(Data((failure.message + "\n").utf8))
        throw ExitCode(failure.failureClass.rawValue)
    }
}

/// One timeline line of an event, as text and as JSON.
struct TimelineLine: Encodable {
    var sequence: Int64
    var at: String
    var clause: String
    var type: String
    var summary: String
    var hash: String

    init(_ record: RecordedEvent, event: EscrowEvent, state: EscrowState?) {
        sequence = record.sequence
        at = Instants.format(record.recordedAt, timeZoneIdentifier: state?.terms.calendar.timeZoneIdentifier ?? "America/New_York")
        clause = event.clause(in: state)
        type = event.type
        summary = event.summary(in: state)
        hash = record.hash
    }

    var text: String { "#\(sequence) \(at) [\(clause)] \(summary)" }
}

enum Output {
    static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        // Output types are plain data; should one ever hold a value JSON cannot express (a
        // non-finite number), the answer says so instead of stopping the command.
        guard let data = try? encoder.encode(value) else {
            return #"{"error": "the answer could not be encoded as JSON"}"#
        }
        return String(decoding: data, as: UTF8.self)
    }

    static func lines(_ records: [RecordedEvent], state: EscrowState) throws -> [TimelineLine] {
        let events: [EscrowEvent]
        do { events = try EscrowService.decode(records) } catch { throw CLIFailure(.store, "\(error)") }
        return zip(records, events).map { TimelineLine($0, event: $1, state: state) }
    }
}

extension StoreOptions {
    /// Executes one command against the escrow and prints what it recorded (see
    /// ``CommandSession/execute(verb:_:)``).
    func execute(verb: String, _ command: EscrowCommand) async throws {
        try await withSession { session in try await session.execute(verb: verb, command) }
    }

    func printOutcome(_ outcome: EscrowService.Outcome, escrowID: EscrowID, verb: String) throws {
        let lines = try Output.lines(outcome.events, state: outcome.state)
        if json {
            struct Result: Encodable { var escrow: String; var command: String; var replayed: Bool; var events: [TimelineLine] }
            print(Output.json(Result(escrow: escrowID.rawValue, command: verb, replayed: outcome.replayed, events: lines)))
            return
        }
        if outcome.replayed { print("\(verb): already applied under this idempotency key; recorded then:") }
        if lines.isEmpty { print("\(verb): nothing to record") }
        for line in lines { print(line.text) }
    }
}
