import EscrowCore
import EscrowSimulation
import EscrowStore
import Testing

/// The deterministic simulation (issue 11, item 2): fixed seeds in every test run, each driving
/// a generated escrow through the real service and SQLite with crashes and duplicates.
@Suite("Deterministic simulation")
struct SimulationTests {
    /// The seeds every test run tries; `escrow simulate --seeds N` soaks many more.
    static let seeds: [UInt64] = Array(1...12)

    @Test("every invariant holds after every step of the fixed seeds", arguments: seeds)
    func fixedSeed(seed: UInt64) async {
        let report = await Simulation(seed: seed, stepCount: 150).run()
        #expect(report.failure == nil, "\(report.failure.map { "\($0); shortest: \($0.shrunkSteps ?? [])" } ?? "")")
        #expect(report.stepsRun == 150)
    }

    @Test("a wire after the release goes back in a disbursement of its own, which is no second release (seed 104, 500 steps)")
    func lateWireReturnIsNoSecondRelease() async {
        // Seed 104 releases, then takes a purchaser's late wire and releases again at step 488:
        // the second disbursement only returns that wire to its sender.
        let simulation = Simulation(seed: 104, stepCount: 500)
        let report = await simulation.run(simulation.steps)
        #expect(report.failure == nil, "\(report.failure.map { "\($0)" } ?? "")")
        #expect(report.stepsRun == 500)
    }

    @Test("the fixed seeds exercise crashes, refusals, acceptances and a growing log")
    func seedsCoverTheGround() async {
        var crashes = 0
        var refused = 0
        var accepted = 0
        for seed in Self.seeds.prefix(4) {
            let report = await Simulation(seed: seed, stepCount: 150).run()
            crashes += report.crashes
            refused += report.refused
            accepted += report.accepted
            #expect(report.events > 1, "seed \(seed) wrote nothing after the opening")
        }
        #expect(crashes > 0)
        #expect(refused > 0)
        #expect(accepted > 0)
    }

    @Test("a seed generates the same agreement and steps every time")
    func seedReproduces() {
        let first = Simulation(seed: 42, stepCount: 300)
        let again = Simulation(seed: 42, stepCount: 300)
        #expect(first.steps == again.steps)
        #expect(first.agreement.yaml == again.agreement.yaml)
        #expect(Simulation(seed: 43, stepCount: 300).steps != first.steps)
    }

    @Test("the generated agreement is valid in the agreement file format")
    func generatedAgreementsParse() throws {
        for seed in UInt64(1)...50 {
            let agreement = Simulation(seed: seed, stepCount: 0).agreement
            #expect(throws: Never.self, "seed \(seed)") { try AgreementFile.parse(agreement.yaml, sourceName: "seed \(seed)") }
        }
    }

    @Test("a deliberately broken invariant is caught, reproduced exactly, and shrunk to the steps that break it")
    func brokenInvariantIsShrunk() async throws {
        var simulation = Simulation(seed: 7, stepCount: 150)
        // "At most one key is registered": false as soon as a second party's key is.
        simulation.invariants.append(
            SimulationInvariant("at most one signing key") { snapshot in
                snapshot.state.publicKeys.count > 1 ? "\(snapshot.state.publicKeys.count) keys registered" : nil
            })
        let report = await simulation.run()
        let failure = try #require(report.failure)
        #expect(failure.invariant == "at most one signing key")
        let again = try #require(await simulation.run(failure.steps).failure)
        #expect(again.stepIndex == failure.stepIndex)
        let shortest = try #require(failure.shrunkSteps)
        // Two registrations of two different parties' keys are all it takes.
        #expect(shortest.count == 2)
        #expect(shortest.allSatisfy { if case .registerKey = $0 { true } else { false } })
        #expect(await simulation.run(shortest).failure?.invariant == "at most one signing key")
    }
}
