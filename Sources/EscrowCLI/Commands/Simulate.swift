import ArgumentParser
import EscrowSimulation
import Foundation

/// `escrow simulate`: the deterministic simulation, for one seed or a range of them (the soak).
struct Simulate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Drive generated escrows through the real engine and SQLite with random commands, clock jumps, duplicates and crashes.",
        discussion: """
            Each seed generates an agreement and its steps; the invariants are checked after every step. A failing seed
            fails the same way every time and prints the shortest failing sequence of steps found. Exit 1 on a failure.
            """)

    @Option(name: .long, help: "The first seed.") var seed: UInt64 = 1
    @Option(name: .long, help: "Steps per seed.") var steps: Int = 200
    @Option(name: .long, help: "How many seeds, from --seed on.") var seeds: Int = 1
    @Flag(name: .long, help: "Report a failure at once, without searching for a shorter failing sequence.") var noShrink = false

    func validate() throws {
        guard (1...1_000_000).contains(steps) else { throw ValidationError("--steps must be between 1 and 1000000") }
        guard (1...10_000_000).contains(seeds) else { throw ValidationError("--seeds must be between 1 and 10000000") }
    }

    func run() async throws {
        let started = ContinuousClock.now
        var totals = (steps: 0, crashes: 0, accepted: 0, refused: 0)
        for offset in 0..<seeds {
            let (current, overflow) = seed.addingReportingOverflow(UInt64(offset))
            if overflow { break }
            let simulation = Simulation(seed: current, stepCount: steps)
            let report = noShrink ? await simulation.run(simulation.steps) : await simulation.run()
            totals.steps += report.stepsRun
            totals.crashes += report.crashes
            totals.accepted += report.accepted
            totals.refused += report.refused
            if let failure = report.failure {
                print("seed \(current): \(failure)")
                let shortest = failure.shrunkSteps ?? failure.steps
                print("shortest failing sequence (\(shortest.count) steps):")
                for step in shortest { print("  \(step)") }
                print("reproduce: escrow simulate --seed \(current) --steps \(steps)")
                throw ExitCode(1)
            }
        }
        let elapsed = ContinuousClock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let rate = { (count: Int) in seconds > 0 ? Int(Double(count) / seconds) : count }
        print(
            "\(seeds) seed(s) from \(seed), \(totals.steps) steps: \(totals.accepted) accepted, \(totals.refused) refused, "
                + "\(totals.crashes) crashes; every invariant held. \(rate(totals.steps)) steps/s, \(rate(totals.crashes)) crashes/s")
    }
}
