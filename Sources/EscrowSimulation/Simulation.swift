public import EscrowCore
import EscrowStore
import EscrowStoreSQLite
public import Foundation

/// A deterministic simulation of one escrow: an agreement generated from the seed, driven by
/// random valid and invalid commands from every party through the real ``EscrowService`` on a
/// real SQLite file, with clock jumps, duplicated and reordered deliveries and crashes. After
/// every step the ``SimulationInvariant``s are checked; the first that fails stops the run.
///
/// Everything the run does follows from the seed (the terms, the steps, the signatories'
/// keys, every instant), so a failing seed fails the same way every time.
public struct Simulation: Sendable {
    /// The seed everything is drawn from.
    public let seed: UInt64
    /// The generated agreement.
    public let agreement: GeneratedAgreement
    /// The generated steps, in order.
    public let steps: [SimulationStep]
    /// The invariants checked after every step: ``SimulationInvariant/standard`` unless a test adds one.
    public var invariants: [SimulationInvariant] = SimulationInvariant.standard
    /// Where each run keeps its SQLite file (a fresh folder inside, removed after the run).
    public var scratchDirectory: URL = FileManager.default.temporaryDirectory

    static let escrowID = EscrowID("simulated")

    /// Generates the agreement and `stepCount` steps from `seed`.
    public init(seed: UInt64, stepCount: Int) {
        self.seed = seed
        var random = SeededGenerator(seed: seed)
        agreement = GeneratedAgreement(&random)
        var steps: [SimulationStep] = []
        steps.reserveCapacity(max(stepCount, 0))
        for index in 0..<max(stepCount, 0) { steps.append(.random(&random, index: index, agreement: agreement)) }
        self.steps = steps
    }

    /// Runs every generated step; on a failure, shrinks it to the shortest failing sequence found.
    public func run() async -> SimulationReport {
        var report = await run(steps)
        if var failure = report.failure {
            failure.shrunkSteps = await shrink(failure)
            report.failure = failure
        }
        return report
    }

    /// Runs `steps` on a fresh database and reports what happened and the first invariant broken.
    public func run(_ steps: [SimulationStep]) async -> SimulationReport {
        let directory = scratchDirectory.appendingPathComponent("escrow-simulation-\(seed)-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let world: SimulationWorld
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            world = try await SimulationWorld(
                path: directory.appendingPathComponent("escrow.db").path, agreement: agreement, seed: seed, escrowID: Self.escrowID)
        } catch {
            return SimulationReport(seed: seed, stepsRun: 0, failure: SimulationFailure(invariant: "setup", message: "\(error)", stepIndex: -1, steps: steps))
        }
        defer { world.close() }
        for (index, step) in steps.enumerated() {
            let problem: (String, String)?
            do {
                try await world.perform(step, index: index, in: steps)
                let snapshot = try await world.snapshot()
                problem = invariants.lazy.compactMap { invariant in invariant.check(snapshot).map { (invariant.name, $0) } }.first
            } catch let violation as SimulationViolation {
                problem = (violation.invariant, violation.message)
            } catch {
                problem = ("no unexpected error", "\(error)")
            }
            if let problem {
                let (name, message) = problem
                var report = world.report(seed: seed, stepsRun: index + 1)
                report.failure = SimulationFailure(invariant: name, message: message, stepIndex: index, steps: steps)
                return report
            }
        }
        return world.report(seed: seed, stepsRun: steps.count)
    }

    /// Deletes steps while the same invariant still fails: halves, then quarters, down to
    /// single steps, until no single deletion keeps the failure. Bounded by `runsMax` runs.
    func shrink(_ failure: SimulationFailure, runsMax: Int = 400) async -> [SimulationStep] {
        var current = Array(failure.steps.prefix(failure.stepIndex + 1))
        var runs = 0
        var chunk = max(current.count / 2, 1)
        while chunk >= 1 && runs < runsMax {
            var start = 0
            var removedAny = false
            while start < current.count && runs < runsMax {
                var candidate = current
                candidate.removeSubrange(start..<min(start + chunk, candidate.count))
                runs += 1
                if let again = await run(candidate).failure, again.invariant == failure.invariant {
                    current = Array(candidate.prefix(again.stepIndex + 1))
                    removedAny = true
                } else {
                    start += chunk
                }
            }
            if !removedAny { chunk /= 2 }
        }
        return current
    }
}

/// What a run did, and the first invariant it broke.
public struct SimulationReport: Sendable {
    /// The seed of the run.
    public var seed: UInt64
    /// How many steps ran (up to and including a failing one).
    public var stepsRun: Int
    /// Commands the engine accepted (new events or an answered duplicate).
    public var accepted = 0
    /// Commands the engine refused with a clause.
    public var refused = 0
    /// Crashes survived: the service and store dropped and reopened from disk.
    public var crashes = 0
    /// Events in the log at the end.
    public var events: Int64 = 0
    /// The first invariant broken, `nil` when every step kept them all.
    public var failure: SimulationFailure?

    /// Creates a report.
    public init(seed: UInt64, stepsRun: Int, failure: SimulationFailure? = nil) {
        self.seed = seed
        self.stepsRun = stepsRun
        self.failure = failure
    }
}

/// An invariant broken by a step, with the steps that led to it.
public struct SimulationFailure: Sendable, CustomStringConvertible {
    /// The invariant's name.
    public var invariant: String
    /// What was wrong, in a sentence.
    public var message: String
    /// The position of the step after which it failed.
    public var stepIndex: Int
    /// The steps of the run.
    public var steps: [SimulationStep]
    /// The shortest sequence of steps found that still breaks the same invariant.
    public var shrunkSteps: [SimulationStep]?

    /// The invariant, the step and what was wrong.
    public var description: String { "invariant '\(invariant)' broken at step \(stepIndex): \(message)" }
}

/// An invariant broken inside a step (a duplicate not answered as one, an acknowledged event
/// lost in a crash), rather than by the state after it.
struct SimulationViolation: Error {
    var invariant: String
    var message: String
}
