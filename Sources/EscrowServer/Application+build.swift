import EscrowCore
public import EscrowStore
public import EscrowUsers
import Foundation
public import Hummingbird
import HummingbirdCore
public import Logging
import Metrics
import NIOCore
import ServiceLifecycle
public import Prometheus

/// The request context: the authenticated user (when the route needs one) and a request id.
public struct EscrowRequestContext: RequestContext {
    /// Hummingbird's per-request storage.
    public var coreContext: CoreRequestContextStorage
    /// Set by the authentication middleware.
    public var principal: Principal?
    /// Taken from `X-Request-ID` when the client sends one, otherwise generated.
    public var requestID: String

    /// A context for a new request, before authentication.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        principal = nil
        requestID = ""
    }

    /// Bodies are collected by the routes with their own named limits.
    public var maxUploadSize: Int { Limits.handoverBytesMax }
}

/// Builds the escrow server: routes over ``EscrowService``, bearer-token identities and
/// approvals from a ``UserDirectory``, the deadline scheduler as a service beside the HTTP server.
///
/// The stores' own services (a PostgreSQL connection pool) run in the same service group,
/// before everything else, and are prepared (migrated) before the server accepts a request or
/// the scheduler reads the log: see ``StoreServices``. Graceful shutdown stops the HTTP server
/// first, then the scheduler, then the stores' services.
///
/// With `standby`, status, ledger and timeline reads that state the staleness they accept go
/// to a standby when it qualifies (``StandbyReads``); writes never do.
///
/// `main` (the `escrow serve` command) only wires these together; tests call it with a
/// manual clock and port 0.
public func buildApplication(
    configuration: ServerConfiguration,
    service: EscrowService,
    users: any UserDirectory,
    stores: StoreServices = .ready,
    clock: any EscrowClock = SystemEscrowClock(),
    logger: Logger = Logger(label: "escrow.server"),
    metrics: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
    runsScheduler: Bool = true,
    standby: StandbyReads? = nil
) -> some ApplicationProtocol {
    if OpenAPIDocument.body == nil { logger.error("\(OpenAPIDocument.missing); /openapi.json will answer 500") }
    let changes = ChangeFeed()
    let api = EscrowAPI(
        service: service, users: users, clock: clock, configuration: configuration,
        documents: DocumentStore(path: configuration.documentsDirectory), changes: changes,
        checkpoints: CheckpointCache(signer: configuration.checkpointSigner), standby: standby)
    let router = api.router(metrics: metrics)
    CommitMetrics(registry: metrics).watch(service)
    let prepared = StartGate()
    // The group shuts services down in the reverse of this order: the stores' services last.
    var services: [any Service] = stores.services
    if runsScheduler {
        var scheduler = DeadlineScheduler(
            service: service, clock: clock, idleDuration: configuration.schedulerIdleDuration, logger: logger, changes: changes)
        scheduler.obligations = configuration.obligations
        scheduler.startsAfter = prepared
        services.append(scheduler)
    }
    var application = Application(
        router: router,
        server: .http1(configuration: HTTP1Channel.Configuration(idleTimeout: configuration.idleConnectionDurationMax.map { TimeAmount($0) })),
        configuration: .init(
            address: .hostname(configuration.hostname, port: configuration.port), serverName: configuration.serverName,
            availableConnectionsDelegate: configuration.connectionsMax.map { MaximumAvailableConnections($0, logger: logger) as any AvailableConnectionsDelegate }),
        services: services,
        logger: logger)
    let prepare = stores.prepare
    application.beforeServerStarts {
        try await prepare()
        prepared.open()
    }
    return application
}

/// Every answer is stamped with the request id; every failure becomes a problem document;
/// every request is logged and counted.
struct ObservabilityMiddleware: RouterMiddleware {
    typealias Context = EscrowRequestContext
    let requests: PrometheusCollectorRegistry
    let factory: PrometheusMetricsFactory

    init(registry: PrometheusCollectorRegistry) {
        requests = registry
        factory = PrometheusMetricsFactory(registry: registry)
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let supplied = request.headers[.init("X-Request-ID")!].flatMap { $0.count <= 128 ? $0 : nil }
        context.requestID = supplied ?? UUID().uuidString.lowercased()
        // Setting logger metadata costs a formatting pass each time; at levels above info the
        // per-request lines are dropped anyway, and failures name their request id themselves.
        let logsEveryRequest = context.logger.logLevel <= .info
        if logsEveryRequest { context.logger[metadataKey: "request_id"] = .string(context.requestID) }
        let started = ContinuousClock.now
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            var problem = Problem.from(error)
            // The router answers 404 when no route has this method and path; a path that exists
            // for other methods is answered 405 with those methods instead.
            if let error = error as? HTTPError, error.status == .notFound {
                let allowed = EscrowAPI.methods(forPath: request.uri.path)
                if !allowed.isEmpty { problem = .methodNotAllowed(request.method, path: request.uri.path, allowed: allowed) }
            }
            if problem.status.code >= 500 {
                context.logger.error("request failed", metadata: ["error": "\(error)", "request_id": "\(context.requestID)"])
            }
            response = try problem.response(from: request, context: context)
        }
        response.headers[.init("X-Request-ID")!] = context.requestID
        let elapsed = ContinuousClock.now - started
        let route = context.endpointPath ?? "unmatched"
        if logsEveryRequest {
            context.logger.info(
                "request",
                metadata: [
                    "method": "\(request.method.rawValue)", "path": "\(request.uri.path)", "route": "\(route)",
                    "status": "\(response.status.code)",
                ])
        }
        let dimensions = [("method", request.method.rawValue), ("route", route), ("status", String(response.status.code))]
        Metrics.Counter(label: "escrow_http_requests_total", dimensions: dimensions, factory: factory).increment()
        Metrics.Timer(label: "escrow_http_request_duration_seconds", dimensions: [("method", request.method.rawValue), ("route", route)], factory: factory)
            .recordNanoseconds(elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000)
        return response
    }
}

/// Resolves the bearer token of every route except the open ones.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = EscrowRequestContext
    let users: any UserDirectory
    let clock: any EscrowClock
    static let openPaths: Set<String> = ["/health", "/metrics", "/openapi.json"]

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        // The web desk signs its users in with its own session cookie (WebDesk).
        if Self.openPaths.contains(request.uri.path) || WebDesk.isDeskPath(request.uri.path) { return try await next(request, context) }
        guard let header = request.headers[.authorization] else {
            throw Problem.unauthorized("send an API token as 'Authorization: Bearer TOKEN'")
        }
        guard header.lowercased().hasPrefix("bearer ") else {
            throw Problem.unauthorized("the Authorization header must use the Bearer scheme")
        }
        var secret = header.dropFirst("bearer ".count)
        while let first = secret.first, first == " " || first == "\t" { secret = secret.dropFirst() }
        while let last = secret.last, last == " " || last == "\t" { secret = secret.dropLast() }
        guard let principal = try await users.authenticate(secret: String(secret), at: clock.now()) else {
            throw Problem.unauthorized("the API token is unknown, revoked or expired")
        }
        var context = context
        context.principal = principal
        if context.logger.logLevel <= .info { context.logger[metadataKey: "user"] = .string(principal.userID.rawValue) }
        return try await next(request, context)
    }
}
