import EscrowCore
import EscrowStore
import EscrowUsers
import Foundation
import Hummingbird

/// The escrow desk in a browser: pages under `/desk`, signed in with a password or a one-time
/// link, over the same service, user directory and scoping as the JSON API beside it.
struct WebDesk: Sendable {
    typealias Context = EscrowRequestContext

    let api: EscrowAPI
    /// Sessions expire on the wall clock even when the deal's clock is a demo's.
    let sessionClock: any EscrowClock
    let demo: WebDemo?
    /// Each escrow's timeline, kept folded between requests.
    let timelines = WebTimelines()

    /// Paths the bearer-token middleware leaves to the desk's own sign-in.
    static func isDeskPath(_ path: String) -> Bool { path == "/" || path == "/desk" || path.hasPrefix("/desk/") }

    func register(on router: Router<Context>) {
        router.get("/") { _, _ in WebLayout.seeOther("/desk") }
        router.get("/desk/sign-in") { request, _ in signInPage(request, error: nil, user: "") }
        router.post("/desk/sign-in") { request, _ in try await signIn(request) }
        router.get("/desk/sign-in/link") { request, _ in linkPage(request) }
        router.post("/desk/sign-in/link") { request, _ in try await signInWithLink(request) }
        router.post("/desk/sign-out") { request, _ in try await signOut(request) }
        router.get("/desk") { request, context in try await signedIn(request) { session in try await escrowList(session, context) } }
        router.get("/desk/clauses") { request, _ in try await signedIn(request) { session in WebClauses.page(session) } }
        router.get("/desk/escrows/:escrow") { request, context in
            try await signedIn(request) { session in
                let access = try await api.access(context.signedIn(session))
                let query = request.uri.queryParameters
                let notice = query["done"].map(String.init).flatMap(Self.notices)
                return try await escrowPage(access, session, form: nil, notice: notice, paging: WebPaging { query[Substring($0)].map(String.init) })
            }
        }
        router.get("/desk/escrows/:escrow/signing-text") { request, context in
            try await signedIn(request) { session in
                let access = try await api.access(context.signedIn(session))
                guard let me = access.viewer.party, let message = access.state.signingMessage(for: .releaseNotice, signer: me) else {
                    throw Problem.notFound("there is no counterpart of the Release Notice for you to sign")
                }
                return Response(
                    status: .ok, headers: [.contentType: "text/plain; charset=utf-8", .contentDisposition: "attachment; filename=\"release-notice-\(me).txt\""],
                    body: ResponseBody(byteBuffer: ByteBuffer(bytes: message.bytes)))
            }
        }
        router.get("/desk/escrows/:escrow/documents/:document") { request, context in
            try await signedIn(request) { session in
                let access = try await api.access(context.signedIn(session))
                return try await WebDocuments(api: api, now: api.clock.now()).answer(
                    context.parameters.get("document") ?? "", access: access, session: session,
                    party: request.uri.queryParameters["party"].map(String.init))
            }
        }
        router.post("/desk/escrows/:escrow/deposits") { request, context in try await write(request, context, form: "deposit") { access, form in try recordWire(access, form) } }
        router.post("/desk/escrows/:escrow/holds") { request, context in try await write(request, context, form: "hold") { access, form in try placeHold(access, form) } }
        router.post("/desk/escrows/:escrow/documents") { request, context in try await receiveDocument(request, context) }
        router.post("/desk/escrows/:escrow/signatures") { request, context in try await sign(request, context) }
        router.post("/desk/escrows/:escrow/release") { request, context in try await requestDisbursement(.release, request, context, form: "release") }
        router.post("/desk/escrows/:escrow/refund") { request, context in try await requestDisbursement(.refund, request, context, form: "refund") }
        router.post("/desk/escrows/:escrow/approvals/:approval/approve") { request, context in try await approve(request, context) }
        router.post("/desk/escrows/:escrow/approvals/:approval/reject") { request, context in try await reject(request, context) }
        router.post("/desk/demo/next-business-day") { request, _ in try await nextBusinessDay(request) }
        registerInstructions(on: router)
    }

    static func notices(_ key: String) -> String? {
        [
            "deposit": "The wire is recorded.", "hold": "The hold is placed.", "document": "The document is received.",
            "sign": "Your counterpart is delivered.", "attest": "The paper counterpart is attested.", "approve": "Approved: the command ran.",
            "reject": "Rejected: nothing ran, the money stays held, and the reason is in the log.",
            "instructions": "Your bank details are given; they take effect once the desk confirms them by a call-back.",
            "release": "The release is requested; a second agent user must approve it.", "refund": "The refund is requested; a second agent user must approve it.",
        ][key]
    }

    // MARK: Sessions

    func session(_ request: Request) async -> WebSession? {
        guard let value = WebSession.cookies(request)[WebSession.cookieName], case let (tokenID, secret)? = WebSession.parse(value),
            let principal = try? await api.users.authenticate(secret: secret, at: sessionClock.now())
        else { return nil }
        return WebSession(principal: principal, tokenID: tokenID, secret: secret)
    }

    /// Runs `body` for a signed-in user; sends anyone else to the sign-in page. A refusal of
    /// the API's rules becomes a page that says it, with the same status.
    func signedIn(_ request: Request, _ body: (WebSession) async throws -> Response) async throws -> Response {
        guard let session = await session(request) else { return WebLayout.seeOther("/desk/sign-in") }
        do { return try await body(session) } catch let problem as Problem {
            return WebLayout.problem(problem.status, problem.title, problem.clause.map { "\(problem.detail) (\($0))" } ?? problem.detail, session: session)
        }
    }

    func signInPage(_ request: Request, error: String?, user: String, status: HTTPResponse.Status = .ok) -> Response {
        let nonce = UserRules.randomHex(bytes: 16)
        let errorHTML: HTML = error.map { "<p class=\"refusal\" role=\"alert\" id=\"sign-in-error\">\($0)</p>" } ?? ""
        var response = WebLayout.page(
            title: "Sign in", session: nil, demo: demoBanner(nil), status: status,
            body: """
                <h1>Sign in to the escrow desk</h1>\(errorHTML)
                <form class="desk" method="post" action="/desk/sign-in"><fieldset><legend>Your user and password</legend>
                <input type="hidden" name="csrf" value="\(nonce)">
                <div class="field"><label for="user">User</label><input id="user" name="user" autocomplete="username" required value="\(user)"></div>
                <div class="field"><label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required></div>
                <button type="submit">Sign in</button></fieldset></form>
                <p>Or open the one-time sign-in link the desk sent you (<code>escrow users sign-in-link --user ID</code>).</p>
                """)
        response.headers.append(HTTPFields.Element(name: .setCookie, value: WebSession.setCookie(WebSession.signInCookieName, nonce, request: request, maxAgeSeconds: 3_600)))
        return response
    }

    /// Before sign-in, a form is tied to the random cookie its page set (double submit).
    func signInFormIsOurs(_ request: Request, _ form: WebForm) -> Bool {
        guard let cookie = WebSession.cookies(request)[WebSession.signInCookieName], !cookie.isEmpty else { return false }
        return WebSession.constantTimeEqual(form["csrf"] ?? "", cookie)
    }

    func signIn(_ request: Request) async throws -> Response {
        let form = try await WebForm.read(request, limit: Limits.webFormBytesMax)
        let user = form.value("user") ?? ""
        guard signInFormIsOurs(request, form) else {
            return signInPage(request, error: "The form expired or did not come from this desk; please sign in again.", user: user, status: .forbidden)
        }
        let password = form["password"] ?? ""
        guard UserRules.validIdentifier(user), !password.isEmpty, password.utf8.count <= Limits.passwordBytesMax,
            let stored = try await api.users.passwordHash(userID: UserID(user)), PasswordHash.verify(password, against: stored)
        else {
            return signInPage(request, error: "The user or the password is not right.", user: user, status: .unauthorized)
        }
        return try await startSession(UserID(user), request)
    }

    func startSession(_ user: UserID, _ request: Request) async throws -> Response {
        let now = sessionClock.now()
        let (id, secret) = try await api.users.issueToken(
            userID: user, at: now, expiresAt: now.addingTimeInterval(TimeInterval(Limits.webSessionSecondsMax)))
        let cookie = WebSession.setCookie(WebSession.cookieName, "\(id.rawValue).\(secret)", request: request, maxAgeSeconds: Limits.webSessionSecondsMax)
        let clear = WebSession.setCookie(WebSession.signInCookieName, "", request: request, maxAgeSeconds: 0)
        return WebLayout.seeOther("/desk", cookies: [cookie, clear])
    }

    /// A one-time link opens a page with one button, so a mail scanner that follows links
    /// does not spend it.
    func linkPage(_ request: Request) -> Response {
        let token = request.uri.queryParameters["token"].map(String.init) ?? ""
        let nonce = UserRules.randomHex(bytes: 16)
        var response = WebLayout.page(
            title: "Sign in with a link", session: nil,
            body: """
                <h1>Sign in with a one-time link</h1>
                <form class="desk" method="post" action="/desk/sign-in/link"><input type="hidden" name="csrf" value="\(nonce)"><input type="hidden" name="token" value="\(token)">
                <p>The link works once, within \(Limits.signInLinkSecondsMax / 60) minutes of being issued.</p><button type="submit">Sign in</button></form>
                """)
        response.headers.append(HTTPFields.Element(name: .setCookie, value: WebSession.setCookie(WebSession.signInCookieName, nonce, request: request, maxAgeSeconds: 3_600)))
        return response
    }

    func signInWithLink(_ request: Request) async throws -> Response {
        let form = try await WebForm.read(request, limit: Limits.webFormBytesMax)
        guard signInFormIsOurs(request, form) else {
            return signInPage(request, error: "The form expired or did not come from this desk; open the link again.", user: "", status: .forbidden)
        }
        let refused = signInPage(request, error: "The sign-in link is unknown, used or expired; ask the desk for a new one.", user: "", status: .unauthorized)
        guard case let (tokenID, secret)? = WebSession.parse(form["token"] ?? ""),
            let principal = try await api.users.authenticate(secret: secret, at: sessionClock.now()),
            let record = try await api.users.tokens().first(where: { $0.id == tokenID && $0.userID == principal.userID && $0.revokedAt == nil }),
            let expires = record.expiresAt, expires.timeIntervalSince(record.createdAt) <= TimeInterval(Limits.signInLinkSecondsMax)
        else { return refused }
        // Spent before the session starts: a second use finds it revoked.
        try await api.users.revoke(tokenID: tokenID, at: sessionClock.now())
        return try await startSession(principal.userID, request)
    }

    func signOut(_ request: Request) async throws -> Response {
        let form = try await WebForm.read(request, limit: Limits.webFormBytesMax)
        let clear = WebSession.setCookie(WebSession.cookieName, "", request: request, maxAgeSeconds: 0)
        guard let session = await session(request) else { return WebLayout.seeOther("/desk/sign-in", cookies: [clear]) }
        guard session.accepts(csrf: form["csrf"]) else {
            return WebLayout.problem(.forbidden, "Not signed out", "The form did not come from this desk (its CSRF token does not match).", session: session)
        }
        // Only a token of the signed-in user is revoked, whatever id the cookie names.
        if try await api.users.tokens().contains(where: { $0.id == session.tokenID && $0.userID == session.principal.userID }) {
            try await api.users.revoke(tokenID: session.tokenID, at: sessionClock.now())
        }
        return WebLayout.seeOther("/desk/sign-in", cookies: [clear])
    }

    // MARK: Pages

    func escrowList(_ session: WebSession, _ context: Context) async throws -> Response {
        let ids: [EscrowID]
        do { ids = try await api.service.store.escrowIDs() } catch { throw Problem(ServiceError.store(error)) }
        let now = api.clock.now()
        var rows: [HTML] = []
        for id in ids {
            guard session.principal.isAgent || session.principal.parties[id] != nil else { continue }
            let state: EscrowState
            do { state = try await api.service.head(of: id).state } catch { throw Problem.from(error) }
            guard let viewer = Viewer(session.principal, party: session.principal.parties[id], state: state) else { continue }
            rows.append(WebEscrowList.row(state, viewer: viewer, now: now))
        }
        let table: HTML = rows.isEmpty
            ? "<p>No escrow is open to you.</p>"
            : """
            <table><caption>Escrows open to you</caption><thead><tr><th scope="col">Escrow</th><th scope="col">Phase</th><th scope="col" class="num">Funds held</th>\
            <th scope="col">Next deadline</th><th scope="col" class="num">Business days left</th><th scope="col">Waiting for</th><th scope="col">Alarms</th></tr></thead><tbody>\(rows)</tbody></table>
            """
        return WebLayout.page(title: "Escrows", session: session, demo: demoBanner(session), body: "<h1>Escrows</h1>\(table)")
    }

    /// An escrow's page, from the service's cached state and the kept timeline: the log is
    /// read only for the events appended since the last page.
    func escrowPage(
        _ access: EscrowAPI.Access, _ session: WebSession, form: WebFormState?, notice: String?, status: HTTPResponse.Status = .ok,
        paging: WebPaging = WebPaging()
    ) async throws -> Response {
        let now = api.clock.now()
        let timeline = try await timelines.lines(access, service: api.service)
        let approvals = try await api.users.approvals(escrowID: access.escrowID)
        let page = WebEscrowPage(
            access: access, session: session, status: StatusView(access.state, viewer: access.viewer, now: now), timeline: timeline,
            pendingLines: Scoping.pendingControls(approvals, terms: access.state.terms, viewer: access.viewer),
            approvals: access.viewer.isAgent ? approvals : approvals.filter { approval in
                if case .giveInstructions(let party, _, _) = approval.command { return party == access.viewer.party }
                return false
            }, now: now, form: form, notice: notice, paging: paging, pdfAvailable: api.configuration.pdfBrowserPath != nil)
        return WebLayout.page(title: access.state.terms.title, session: session, demo: demoBanner(session), status: status, body: page.html)
    }

    func demoBanner(_ session: WebSession?) -> HTML? {
        guard let demo else { return nil }
        let today = WebFormat.instant(demo.clock.now(), timeZoneIdentifier: demo.timeZoneIdentifier)
        let control: HTML = session.map { session in
            "<form method=\"post\" action=\"/desk/demo/next-business-day\" class=\"inline\">\(WebLayout.csrfField(session))<button type=\"submit\">Next business day</button></form>"
        } ?? ""
        return "<section class=\"demo\" aria-label=\"Demo clock\"><p>Demo: the deal's clock reads <strong>\(today)</strong> (\(demo.timeZoneIdentifier)).</p>\(control)</section>"
    }
}

extension EscrowRequestContext {
    /// This request's context as the signed-in user's, for the API's own access checks.
    func signedIn(_ session: WebSession) -> EscrowRequestContext {
        var context = self
        context.principal = session.principal
        return context
    }
}
