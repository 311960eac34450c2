// Reads and matches a camt.053 statement of 100,000 entries, and reads the same file with
// `xmllint --stream` in the same run as the floor; prints entries per second and the ratio.
//
//     scripts/bench-bank [ENTRIES]        (swift run -c release EscrowBankBench [ENTRIES])
//
// The statement is the reference escrow's account: most credits name a purchaser in their
// remittance, some only by ordering party and amount, some no one (exceptions), and some
// debits nobody ordered (alarms). "Parse" is BankFile.read; "match" is the decider importing
// the statement into the reference escrow's state (every deposit, exception and alarm decided
// and folded, in memory). Each figure is the best of three runs.

import EscrowBank
import EscrowCore
import Foundation

let entryCount = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 100_000
let repetitions = 3

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(1)
}

let terms: AgreementTerms
do { terms = try AgreementFile.parse(ReferenceAgreement.yaml, sourceName: "reference") } catch { fail("reference terms: \(error)") }
let opened = Date(timeIntervalSince1970: 1_124_456_400)
guard case .opened(let opening) = (try? EscrowDecider.open(escrowID: "roo-group-2005", terms: terms, at: opened)) else { fail("cannot open") }
let state = EscrowState(opened: opening)
let purchasers = terms.subscriptions.map(\.purchaser)
let account = terms.depositInstructions.accountNumber

var entries: [BankEntry] = []
entries.reserveCapacity(entryCount)
var closing: Int64 = 0
for index in 0..<entryCount {
    let minor = Int64(10_000 + index % 97_000)
    let purchaser = purchasers[index % purchasers.count]
    let reference = "FW\(1_000_000 + index)"
    let entry: BankEntry
    switch index % 20 {
    case 0:
        entry = BankEntry(
            reference: reference, amount: Money(minorUnits: minor, .usd), direction: .debit, isBooked: true, bookingDate: "2005-08-22",
            endToEndID: nil, remittance: nil, counterpartyName: "Unknown Payee \(index)", counterpartyAccount: nil, returnReason: nil)
        closing -= minor
    case 1:
        entry = BankEntry(
            reference: reference, amount: Money(minorUnits: minor, .usd), direction: .credit, isBooked: true, bookingDate: "2005-08-22",
            endToEndID: "E2E-\(index)", remittance: "invoice \(index)", counterpartyName: "Stranger \(index) Ltd", counterpartyAccount: "5550\(index)",
            returnReason: nil)
        closing += minor
    case 2:
        entry = BankEntry(
            reference: reference, amount: Money(minorUnits: minor, .usd), direction: .credit, isBooked: true, bookingDate: "2005-08-22",
            endToEndID: nil, remittance: nil, counterpartyName: terms.party(purchaser)?.name, counterpartyAccount: "4440\(index)", returnReason: nil)
        closing += minor
    default:
        entry = BankEntry(
            reference: reference, amount: Money(minorUnits: minor, .usd), direction: .credit, isBooked: true, bookingDate: "2005-08-22",
            endToEndID: "E2E-\(index)", remittance: "Roo Group, Inc. \(purchaser) subscription", counterpartyName: terms.party(purchaser)?.name,
            counterpartyAccount: "4440\(index)", returnReason: nil)
        closing += minor
    }
    entries.append(entry)
}
let balance = BankBalance(amount: Money(minorUnits: max(0, closing), .usd), isDebit: closing < 0, date: "2005-08-22")
let bytes = Camt053Writer.write(
    messageID: "BENCH-\(entryCount)", statementID: "BENCH", accountID: account, createdAt: opened, closingBooked: balance, entries: entries)
let file = FileManager.default.temporaryDirectory.appendingPathComponent("bench-camt053-\(entryCount).xml")
do { try Data(bytes).write(to: file) } catch { fail("cannot write \(file.path): \(error)") }
defer { try? FileManager.default.removeItem(at: file) }

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = ContinuousClock.now
    try body()
    let elapsed = ContinuousClock.now - start
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
}

var parseBest = Double.infinity
var totalBest = Double.infinity
var recorded = 0
for _ in 0..<repetitions {
    var statement: BankStatement?
    let parse = seconds {
        do {
            guard case .statement(let read) = try BankFile.read(bytes) else { fail("not a statement") }
            statement = read
        } catch { fail("read: \(error)") }
    }
    guard let statement else { fail("no statement") }
    let match = seconds {
        do {
            let (events, _) = try EscrowDecider.handleFolding(.importBankStatement(statement), state: state, at: opened.addingTimeInterval(86_400))
            recorded = events.count
        } catch { fail("import refused: \(error)") }
    }
    parseBest = min(parseBest, parse)
    totalBest = min(totalBest, parse + match)
}

var xmllintBest = Double.infinity
for _ in 0..<repetitions {
    let elapsed = seconds {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["xmllint", "--stream", "--noout", file.path]
        do { try process.run() } catch { fail("xmllint: \(error)") }
        process.waitUntilExit()
        if process.terminationStatus != 0 { fail("xmllint --stream failed on the statement (is libxml2-utils installed?)") }
    }
    xmllintBest = min(xmllintBest, elapsed)
}

/// The machine's load average (1, 5 and 15 minutes), to print beside the figures: the machine is shared.
func loadAverage() -> String {
    guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "unknown" }
    return text.split(separator: " ").prefix(3).joined(separator: " ")
}

func rate(_ seconds: Double) -> String { String(Int((Double(entryCount) / seconds).rounded())) }
let megabytes = String(format: "%.1f", Double(bytes.count) / 1_048_576)
print("camt.053 of \(entryCount) entries, \(megabytes) MB, \(recorded) events decided; load average \(loadAverage())")
print("parse only:        \(String(format: "%.3f", parseBest)) s  \(rate(parseBest)) entries/s")
print("parse and match:   \(String(format: "%.3f", totalBest)) s  \(rate(totalBest)) entries/s  (aim 100000)")
print("xmllint --stream:  \(String(format: "%.3f", xmllintBest)) s  \(rate(xmllintBest)) entries/s  (floor)")
print("ratio parse and match / xmllint --stream time: \(String(format: "%.2f", totalBest / xmllintBest))")
