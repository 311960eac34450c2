public import Foundation
public import EscrowCore
public import EscrowStore

/// Where the server listens and the limits it enforces; every limit has a name here.
public struct ServerConfiguration: Sendable {
    /// Host name or address to bind, `127.0.0.1` by default.
    public var hostname: String
    /// TCP port; 0 lets the system choose (tests).
    public var port: Int
    /// Folder where uploaded documents are kept, each under its SHA-256.
    public var documentsDirectory: String
    /// The largest JSON request body accepted.
    public var requestBodyBytesMax: Int
    /// The largest uploaded document accepted.
    public var documentBytesMax: Int
    /// How long the deadline scheduler sleeps when no deadline is pending, before it looks again.
    public var schedulerIdleDuration: TimeInterval
    /// Name used in logs.
    public var serverName: String
    /// Obligation instruments (such as the NIR waiver) shown on the deal calendar of the escrow
    /// each one links to.
    public var obligations: [ObligationTerms]
    /// The demo's movable clock (`escrow serve --demo`); `nil` on a real desk.
    public var demo: WebDemo? = nil
    /// The agent's key that signs the checkpoint on every answer about an escrow; a fresh key
    /// unless one is set (`escrow serve` reads its key file).
    public var checkpointSigner: CheckpointSigner = .generate()
    /// The headless Chromium that prints the desk's documents to PDF: Debian's when it is
    /// installed, else none, and the PDF links say so.
    public var pdfBrowserPath: String? = WebDocuments.installedChromium
    /// How long a connection may stay idle (no request read, no answer being written) before
    /// the server closes it: an idle keep-alive client, or a slow one that has not finished
    /// sending its request head. A response still being written (an `/events` stream) is not
    /// idle. `nil` never closes an idle connection.
    public var idleConnectionDurationMax: Duration? = Limits.idleConnectionDurationMax
    /// How often a quiet `/events` stream sends a comment line, so that proxies keep it open
    /// and a stream whose client has gone is noticed and ended within this time.
    public var eventStreamHeartbeatDuration: Duration = Limits.eventStreamHeartbeatDuration
    /// The most connections open at once; further clients wait in the listen backlog until one
    /// closes (nothing is refused, nothing more is read). `nil` for no cap.
    public var connectionsMax: Int? = Limits.connectionsMax

    /// A configuration; every limit has a default suited to one escrow desk.
    public init(
        hostname: String = "127.0.0.1", port: Int = 8080, documentsDirectory: String,
        requestBodyBytesMax: Int = Limits.requestBodyBytesMax, documentBytesMax: Int = Limits.documentBytesMax,
        schedulerIdleDuration: TimeInterval = 60, serverName: String = "escrow",
        obligations: [ObligationTerms] = ServerConfiguration.referenceObligations
    ) {
        self.obligations = obligations
        self.hostname = hostname
        self.port = port
        self.documentsDirectory = documentsDirectory
        self.requestBodyBytesMax = requestBodyBytesMax
        self.documentBytesMax = documentBytesMax
        self.schedulerIdleDuration = schedulerIdleDuration
        self.serverName = serverName
    }

    /// The reference deal's Consent and Waiver, linked to escrow `roo-group-2005`.
    public static var referenceObligations: [ObligationTerms] {
        (try? ObligationFile.parse(ReferenceWaiver.yaml, sourceName: "nir-waiver-2005.yaml")).map { [$0] } ?? []
    }
}
