import EscrowCore
@testable import EscrowServer
import EscrowStore
import EscrowTesting
import EscrowUsers
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The web desk through the router harness: sign-in, cookies, CSRF, scoping and the forms.
@Suite("web desk")
struct WebDeskTests {
    static let password = "correct horse battery staple"

    /// A browser's cookie jar, enough for these tests.
    struct Browser {
        var cookies: [String: String] = [:]
        var header: String { cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ") }

        mutating func keep(_ response: TestResponse) {
            for value in response.headers[values: .setCookie] {
                let pair = value.split(separator: ";")[0].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard pair.count == 2 else { continue }
                cookies[String(pair[0])] = pair[1].isEmpty ? nil : String(pair[1])
            }
        }
    }

    struct Page {
        var status: HTTPResponse.Status
        var location: String?
        var setCookies: [String]
        var text: String
        var csrf: String? {
            guard let range = text.range(of: "name=\"csrf\" value=\"") else { return nil }
            return String(text[range.upperBound...].prefix { $0 != "\"" })
        }
    }

    static func get(_ client: some TestClientProtocol, _ uri: String, _ browser: inout Browser, headers extra: HTTPFields = [:]) async throws -> Page {
        var headers = extra
        if !browser.cookies.isEmpty { headers[.cookie] = browser.header }
        let response = try await client.execute(uri: uri, method: .get, headers: headers, body: nil)
        browser.keep(response)
        return Page(status: response.status, location: response.headers[.location], setCookies: response.headers[values: .setCookie], text: String(buffer: response.body))
    }

    static func post(
        _ client: some TestClientProtocol, _ uri: String, _ fields: [(String, String)], _ browser: inout Browser, headers extra: HTTPFields = [:]
    ) async throws -> Page {
        var headers = extra
        headers[.contentType] = "application/x-www-form-urlencoded"
        if !browser.cookies.isEmpty { headers[.cookie] = browser.header }
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let body = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
        let response = try await client.execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
        browser.keep(response)
        return Page(status: response.status, location: response.headers[.location], setCookies: response.headers[values: .setCookie], text: String(buffer: response.body))
    }

    /// Signs `user` in through the form; the browser then holds its session cookie.
    static func signIn(_ client: some TestClientProtocol, _ user: String, password: String = password, headers: HTTPFields = [:]) async throws -> (Browser, Page) {
        var browser = Browser()
        let form = try await get(client, "/desk/sign-in", &browser)
        let page = try await post(client, "/desk/sign-in", [("csrf", form.csrf ?? ""), ("user", user), ("password", password)], &browser, headers: headers)
        return (browser, page)
    }

    /// A server whose users all have ``password`` (hashed with few rounds, for speed).
    static func server(_ backend: Backend, _ body: (TestServer) async throws -> Void) async throws {
        try await TestServer.with(backend) { server in
            let hash = try PasswordHash.make(password, rounds: 1_000)
            for user in ["alice", "bob", "company", "purchaser-1", "purchaser-2", "outsider"] {
                try await server.users.setPasswordHash(userID: UserID(user), hash: hash)
            }
            try await body(server)
        }
    }

    static func funded(_ server: TestServer) async throws {
        try await ReferenceDealPlayer(service: server.service).play(through: .funded)
        server.clock.advance(to: TestServer.august(22, 16))
    }

    @Test("amounts have thousands separators and their currency; dates read 2 Sep 2005")
    func formats() {
        #expect(WebFormat.money(300_000_000, .usd) == "USD 3,000,000.00")
        #expect(WebFormat.money(249_999_999, .usd) == "USD 2,499,999.99")
        #expect(WebFormat.money(5, .usd) == "USD 0.05")
        #expect(WebFormat.money(-123_456, .usd) == "USD −1,234.56")
        #expect(WebFormat.date(CivilDate(year: 2005, month: 9, day: 2)!) == "2 Sep 2005")
        #expect(HTML.escape("<script>alert('x')</script> & \"") == "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;")
    }

    @Test("a password hash verifies its password only, and a malformed hash verifies nothing")
    func passwordHashes() throws {
        let hash = try PasswordHash.make("s3cret", rounds: 1_000)
        #expect(hash.hasPrefix("pbkdf2-sha256$1000$"))
        #expect(PasswordHash.verify("s3cret", against: hash))
        #expect(!PasswordHash.verify("s3cret ", against: hash))
        #expect(!PasswordHash.verify("s3cret", against: "pbkdf2-sha256$1000$zz$00"))
        #expect(try PasswordHash.make("s3cret", rounds: 1_000) != hash)
    }

    @Test("sign-in sets an HttpOnly, SameSite=Strict session cookie, Secure only over TLS", arguments: Backend.available)
    func sessionCookie(_ backend: Backend) async throws {
        try await Self.server(backend) { server in
            try await server.application().test(.router) { client in
                let (_, plain) = try await Self.signIn(client, "alice")
                #expect(plain.status == .seeOther)
                #expect(plain.location == "/desk")
                let session = try #require(plain.setCookies.first { $0.hasPrefix("escrow_session=tok_") })
                #expect(session.contains("HttpOnly"))
                #expect(session.contains("SameSite=Strict"))
                #expect(!session.contains("Secure"))
                let (_, tls) = try await Self.signIn(client, "alice", headers: [HTTPFields.Element.Name("X-Forwarded-Proto")!: "https"])
                #expect(tls.setCookies.first { $0.hasPrefix("escrow_session=tok_") }?.contains("; Secure") == true)
            }
        }
    }

    @Test("a wrong password, an unknown user or a sign-in form from elsewhere gets no session", arguments: Backend.available)
    func signInRefused(_ backend: Backend) async throws {
        try await Self.server(backend) { server in
            try await server.application().test(.router) { client in
                let (_, wrong) = try await Self.signIn(client, "alice", password: "guess")
                #expect(wrong.status == .unauthorized)
                #expect(wrong.text.contains("The user or the password is not right."))
                #expect(wrong.text.contains("value=\"alice\""))
                #expect(!wrong.setCookies.contains { $0.hasPrefix("escrow_session=tok_") })
                let (_, unknown) = try await Self.signIn(client, "mallory")
                #expect(unknown.status == .unauthorized)
                var browser = Browser()
                let forged = try await Self.post(client, "/desk/sign-in", [("csrf", "abc"), ("user", "alice"), ("password", Self.password)], &browser)
                #expect(forged.status == .forbidden)
                #expect(!forged.setCookies.contains { $0.hasPrefix("escrow_session=tok_") })
                var anonymous = Browser()
                let desk = try await Self.get(client, "/desk", &anonymous)
                #expect(desk.status == .seeOther)
                #expect(desk.location == "/desk/sign-in")
            }
        }
    }

    @Test("a session is a stored token: another server on the same database knows it, and sign-out ends it", arguments: Backend.available)
    func sessionOutlivesServer(_ backend: Backend) async throws {
        try await Self.server(backend) { server in
            try await Self.funded(server)
            let signedIn = try await server.application().test(.router) { client in
                try await Self.signIn(client, "alice").0
            }
            try await server.withSecondServer { second in
                try await second.application().test(.router) { client in
                    var browser = signedIn
                    let list = try await Self.get(client, "/desk", &browser)
                    #expect(list.status == .ok)
                    #expect(list.text.contains("Signed in as <strong>alice</strong>"))
                    let out = try await Self.post(client, "/desk/sign-out", [("csrf", list.csrf ?? "")], &browser)
                    #expect(out.status == .seeOther)
                    #expect(out.location == "/desk/sign-in")
                    #expect(browser.cookies[WebSession.cookieName] == nil)
                }
            }
            try await server.application().test(.router) { client in
                // The cookie kept from before the sign-out names a revoked token.
                var stale = signedIn
                let again = try await Self.get(client, "/desk", &stale)
                #expect(again.status == .seeOther)
                #expect(again.location == "/desk/sign-in")
            }
        }
    }

    @Test("a purchaser sees its own subscription and wire, never another purchaser's; the agent sees every one")
    func scoping() async throws {
        try await Self.server(.sqlite) { server in
            try await Self.funded(server)
            try await server.application().test(.router) { client in
                var purchaser = try await Self.signIn(client, "purchaser-1").0
                let mine = try await Self.get(client, "/desk/escrows/roo-group-2005", &purchaser)
                #expect(mine.status == .ok)
                #expect(mine.text.contains("USD 3,000,000.00"))
                #expect(mine.text.contains("FW20050822001"))
                #expect(!mine.text.contains("USD 2,499,999.99"))
                #expect(!mine.text.contains("FW20050822002"))
                #expect(!mine.text.contains("Purchaser 2"))
                #expect(!mine.text.contains("id=\"ledger\""))
                var agent = try await Self.signIn(client, "alice").0
                let all = try await Self.get(client, "/desk/escrows/roo-group-2005", &agent)
                #expect(all.text.contains("USD 2,499,999.99"))
                #expect(all.text.contains("FW20050822004"))
                #expect(all.text.contains("id=\"ledger\""))
                #expect(all.text.contains("<svg role=\"img\" aria-labelledby=\"funds-title funds-desc\""))
                var outsider = try await Self.signIn(client, "outsider").0
                let hidden = try await Self.get(client, "/desk/escrows/roo-group-2005", &outsider)
                #expect(hidden.status == .notFound)
                #expect(!hidden.text.contains("USD"))
                let list = try await Self.get(client, "/desk", &outsider)
                #expect(list.text.contains("No escrow is open to you."))
            }
        }
    }

    @Test("a form without this session's CSRF token changes nothing; with it, the wire is recorded")
    func csrf() async throws {
        try await Self.server(.sqlite) { server in
            try await Self.funded(server)
            try await server.application().test(.router) { client in
                var agent = try await Self.signIn(client, "alice").0
                let before = try await server.service.state(of: TestServer.escrowID).lastSequence
                let wire = [("purchaser", "purchaser-2"), ("amount", "1,000.00"), ("bankReference", "FW-WEB-1")]
                let forged = try await Self.post(client, "/desk/escrows/roo-group-2005/deposits", wire + [("csrf", String(repeating: "0", count: 64))], &agent)
                #expect(forged.status == .forbidden)
                let missing = try await Self.post(client, "/desk/escrows/roo-group-2005/deposits", wire, &agent)
                #expect(missing.status == .forbidden)
                #expect(try await server.service.state(of: TestServer.escrowID).lastSequence == before)
                let page = try await Self.get(client, "/desk/escrows/roo-group-2005", &agent)
                let done = try await Self.post(client, "/desk/escrows/roo-group-2005/deposits", wire + [("csrf", page.csrf ?? "")], &agent)
                #expect(done.status == .seeOther)
                let state = try await server.service.state(of: TestServer.escrowID).state
                #expect(state.deposit(withBankReference: "FW-WEB-1")?.amount == Money(minorUnits: 100_000, .usd))
                let after = try await Self.get(client, "/desk/escrows/roo-group-2005?done=deposit", &agent)
                #expect(after.text.contains("The wire is recorded."))
                #expect(after.text.contains("USD 2,500,999.99"))
            }
        }
    }

    @Test("a bad amount is refused beside its field with the clause, what was typed is kept, and nothing is recorded")
    func badAmount() async throws {
        try await Self.server(.sqlite) { server in
            try await Self.funded(server)
            try await server.application().test(.router) { client in
                var agent = try await Self.signIn(client, "alice").0
                let page = try await Self.get(client, "/desk/escrows/roo-group-2005", &agent)
                let before = try await server.service.state(of: TestServer.escrowID).lastSequence
                let refused = try await Self.post(
                    client, "/desk/escrows/roo-group-2005/deposits",
                    [("csrf", page.csrf ?? ""), ("purchaser", "purchaser-2"), ("amount", "12.345"), ("bankReference", "<b>FW-9</b>")], &agent)
                #expect(refused.status == .unprocessableContent)
                #expect(refused.text.contains("<p class=\"error\" id=\"deposit-amount-error\">"))
                #expect(refused.text.contains("(1.1)</p>"))
                #expect(refused.text.contains("id=\"deposit-amount\" name=\"amount\" type=\"text\" value=\"12.345\""))
                #expect(refused.text.contains("value=\"&lt;b&gt;FW-9&lt;/b&gt;\""))
                #expect(refused.text.contains("aria-invalid=\"true\""))
                let negative = try await Self.post(
                    client, "/desk/escrows/roo-group-2005/deposits",
                    [("csrf", page.csrf ?? ""), ("purchaser", "purchaser-2"), ("amount", "-5.00"), ("bankReference", "FW-10")], &agent)
                #expect(negative.status == .unprocessableContent)
                #expect(negative.text.contains("id=\"deposit-amount-error\""))
                #expect(try await server.service.state(of: TestServer.escrowID).lastSequence == before)
            }
        }
    }

    @Test("a party user cannot record a wire through the desk's form (1.1, 1.3)")
    func partyCannotRecordWire() async throws {
        try await Self.server(.sqlite) { server in
            try await Self.funded(server)
            try await server.application().test(.router) { client in
                var purchaser = try await Self.signIn(client, "purchaser-1").0
                let page = try await Self.get(client, "/desk/escrows/roo-group-2005", &purchaser)
                #expect(!page.text.contains("Record a wire"))
                let before = try await server.service.state(of: TestServer.escrowID).lastSequence
                let refused = try await Self.post(
                    client, "/desk/escrows/roo-group-2005/deposits",
                    [("csrf", page.csrf ?? ""), ("purchaser", "purchaser-1"), ("amount", "5.00"), ("bankReference", "FW-X")], &purchaser)
                #expect(refused.status == .unprocessableContent)
                #expect(refused.text.contains("recording a wire is for agent users only (1.1, 1.3)"))
                #expect(try await server.service.state(of: TestServer.escrowID).lastSequence == before)
            }
        }
    }

    @Test("a release waits for a second agent user: its maker cannot approve it, another agent user can (1.5, 1.6)", arguments: Backend.available)
    func makerChecker(_ backend: Backend) async throws {
        try await Self.server(backend) { server in
            try await ReferenceDealPlayer(service: server.service).play(through: .readyToRelease)
            server.clock.advance(to: TestServer.august(25, 14))
            try await server.application().test(.router) { client in
                var alice = try await Self.signIn(client, "alice").0
                let page = try await Self.get(client, "/desk/escrows/roo-group-2005", &alice)
                let requested = try await Self.post(client, "/desk/escrows/roo-group-2005/release", [("csrf", page.csrf ?? "")], &alice)
                #expect(requested.status == .seeOther)
                let approvals = try await server.users.approvals(escrowID: TestServer.escrowID)
                let approval = try #require(approvals.first)
                let own = try await Self.get(client, "/desk/escrows/roo-group-2005", &alice)
                #expect(own.text.contains("made by you; a second agent user must check it"))
                let selfApproved = try await Self.post(client, "/desk/escrows/roo-group-2005/approvals/\(approval.id.rawValue)/approve", [("csrf", page.csrf ?? "")], &alice)
                #expect(selfApproved.status == .unprocessableContent)
                #expect(selfApproved.text.contains("a second agent user must"))
                #expect(try await server.service.state(of: TestServer.escrowID).state.phase == .open)
                var bob = try await Self.signIn(client, "bob").0
                let bobPage = try await Self.get(client, "/desk/escrows/roo-group-2005", &bob)
                let approved = try await Self.post(client, "/desk/escrows/roo-group-2005/approvals/\(approval.id.rawValue)/approve", [("csrf", bobPage.csrf ?? "")], &bob)
                #expect(approved.status == .seeOther)
                #expect(try await server.service.state(of: TestServer.escrowID).state.phase == .released)
                let memo = try await Self.get(client, "/desk/escrows/roo-group-2005/documents/disbursement-memo", &bob)
                #expect(memo.text.contains("USD 3,400,000.00"))
                #expect(memo.text.contains("SHA-256 of this document's text"))
            }
        }
    }

    @Test("a one-time sign-in link signs in once, and is spent after", arguments: Backend.available)
    func oneTimeLink(_ backend: Backend) async throws {
        try await Self.server(backend) { server in
            let link = try await DeskSignIn.link(users: server.users, user: "purchaser-2", at: Date(), baseURL: "")
            let token = String(link.split(separator: "=", maxSplits: 1)[1])
            try await server.application().test(.router) { client in
                var browser = Browser()
                let page = try await Self.get(client, link, &browser)
                let first = try await Self.post(client, "/desk/sign-in/link", [("csrf", page.csrf ?? ""), ("token", token)], &browser)
                #expect(first.status == .seeOther)
                #expect(browser.cookies[WebSession.cookieName]?.hasPrefix("tok_") == true)
                var again = Browser()
                let second = try await Self.get(client, link, &again)
                let spent = try await Self.post(client, "/desk/sign-in/link", [("csrf", second.csrf ?? ""), ("token", token)], &again)
                #expect(spent.status == .unauthorized)
                #expect(again.cookies[WebSession.cookieName] == nil)
            }
        }
    }

    @Test("every citation links to the clause text the agreement carries")
    func clauses() async throws {
        #expect(WebEscrowPage.clauseLinks("1.5, 1.6").markup == "<a href=\"/desk/clauses#clause-1.5\">1.5</a>, <a href=\"/desk/clauses#clause-1.6\">1.6</a>")
        #expect(WebEscrowPage.clauseLinks("Exhibit A").markup == "Exhibit A")
        let seven = try #require(WebClauses.paragraphs.first { $0.clause == "1.7" })
        #expect(seven.text.contains("NIR Waiver is not received within ten (10)"))
    }
}
