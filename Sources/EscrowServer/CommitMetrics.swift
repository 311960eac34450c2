import EscrowStore
import Prometheus

/// Group commits as Prometheus metrics: how many batches, how many appends they carried,
/// how many failed, and how long each took (mostly the flush to disk).
struct CommitMetrics: Sendable {
    let batches: Counter
    let appends: Counter
    let failed: Counter
    let batchSize: ValueHistogram
    let duration: DurationHistogram

    static func name(_ metric: String, unit: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "escrow", subsystem: "commit", metricName: metric, unitName: unit, helpText: help)
    }

    init(registry: PrometheusCollectorRegistry) {
        batches = registry.makeCounter(descriptor: Self.name("batches", unit: "total", "Group commits: one transaction and one flush each."))
        appends = registry.makeCounter(descriptor: Self.name("appends", unit: "total", "Appends carried by group commits."))
        failed = registry.makeCounter(
            descriptor: Self.name("failed_appends", unit: "total", "Appends that failed: conflicts, reused keys, store errors."))
        batchSize = registry.makeValueHistogram(
            descriptor: Self.name("batch", unit: "appends", "Appends per group commit."), buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256])
        duration = registry.makeDurationHistogram(
            descriptor: Self.name("duration", unit: "seconds", "Time the store took to commit one batch."),
            buckets: [
                .microseconds(250), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
                .milliseconds(100), .seconds(1),
            ])
    }

    /// Records every group commit of `service` from now on.
    func watch(_ service: EscrowService) {
        service.observeCommits { batch in
            batches.increment()
            appends.increment(by: Int64(batch.appends))
            failed.increment(by: Int64(batch.failed))
            batchSize.record(Double(batch.appends))
            duration.record(batch.duration)
        }
    }
}
