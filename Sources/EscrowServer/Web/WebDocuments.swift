import EscrowCore
import EscrowStore
import Foundation
import Hummingbird

/// The documents the agreement calls for, drawn from the escrow's state as the reader may
/// see it: the 1.2 advice, the Release Notice (Exhibit A) with a signature page per signer, the
/// disbursement memo and a statement of account. Each carries the log head hash it was drawn
/// at and the SHA-256 of its own text, so every counterpart is provably the same text. PDF is
/// headless Chromium's print of the same HTML.
struct WebDocuments {
    let api: EscrowAPI
    let now: Date

    /// Where Debian's Chromium is, when it is installed.
    static let installedChromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// The document `name` (`KIND` or `KIND.pdf`); an agent user may ask for a party's
    /// statement of account (`party`), drawn as that party sees its own.
    func answer(_ name: String, access: EscrowAPI.Access, session: WebSession, party: String? = nil) async throws -> Response {
        let pdf = name.hasSuffix(".pdf")
        let kind = pdf ? String(name.dropLast(4)) : name
        var access = access
        if let party, !party.isEmpty, kind == "statement" {
            guard access.viewer.isAgent || PartyID(party) == access.viewer.party else {
                throw Problem.notFound("there is no statement of '\(party)' for you in this escrow")
            }
            guard let named = access.state.terms.party(PartyID(party)), named.role != .escrowAgent else {
                throw Problem.notFound("'\(party)' is not a party to this escrow")
            }
            access.viewer = .party(named.id, named.role)
        }
        guard let (title, body) = document(kind, access) else {
            throw Problem.notFound("there is no document '\(kind)' for you in this escrow")
        }
        let text = body.markup
        let sha = SHA256Hex.of(Data(text.utf8))
        let html = """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>\(HTML.escape(title))</title><style>\(WebLayout.stylesheet)</style></head>
            <body><main id="main"><article>\(text)</article>
            <footer class="document-hashes"><p>Escrow log head: <span class="hash">\(access.lastHash)</span> (event \(access.lastSequence)).</p>
            <p>SHA-256 of this document's text (the article above): <span class="hash">\(sha)</span>.</p></footer></main></body></html>
            """
        if !pdf {
            return Response(
                status: .ok, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
        }
        guard let chromium = api.configuration.pdfBrowserPath else {
            throw Problem(.serviceUnavailable, "no-pdf", "PDF unavailable", detail: "no headless Chromium is installed on the server; the HTML document is the same text")
        }
        let data = try await Self.printToPDF(html, chromium: chromium)
        return Response(
            status: .ok,
            headers: [.contentType: "application/pdf", .contentDisposition: "attachment; filename=\"\(access.escrowID.rawValue)-\(kind).pdf\""],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Prints `html` with headless Chromium in a folder of its own, removed afterwards.
    static func printToPDF(_ html: String, chromium: String) async throws -> Data {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("escrow-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = folder.appendingPathComponent("document.html")
        let output = folder.appendingPathComponent("document.pdf")
        try Data(html.utf8).write(to: source)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-pdf-header-footer",
            "--user-data-dir=\(folder.appendingPathComponent("profile").path)", "--print-to-pdf=\(output.path)", source.absoluteString,
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            process.terminationHandler = { _ in continuation.resume() }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        guard let data = try? Data(contentsOf: output), !data.isEmpty else {
            throw Problem(.serviceUnavailable, "no-pdf", "PDF unavailable", detail: "headless Chromium did not print the document")
        }
        return data
    }

    func document(_ kind: String, _ access: EscrowAPI.Access) -> (String, HTML)? {
        let state = access.state
        let viewer = access.viewer
        let zone = state.terms.calendar.timeZoneIdentifier
        func money(_ m: Money) -> HTML { HTML.text(WebFormat.money(m)) }
        let heading: HTML = "<p>\(state.terms.title)<br>Escrow \(state.escrowID.rawValue) · drawn \(WebFormat.instant(now, timeZoneIdentifier: zone))</p>"
        switch kind {
        case "advice":
            guard let advice = state.advice, viewer.seesWholeDeal || advice.recipients.contains(where: { $0 == viewer.party }) else {
                return viewer.seesWholeDeal ? ("Advice of funds received", "<h1>Advice of funds received (1.2)</h1>\(heading)<p>No advice has been given: not every condition of 1.2 is met.</p>") : nil
            }
            let recipients = advice.recipients.map { state.displayName($0) }.joined(separator: ", ")
            return (
                "Advice of funds received",
                """
                <h1>Advice of funds received (<a href="/desk/clauses#clause-1.2">1.2</a>)</h1>\(heading)
                <p>To: \(recipients)</p>
                <p>The Escrow Agent advises that it has received the aggregate subscription amounts of <strong>\(money(advice.amount))</strong> and every document 1.2 requires, as of \(WebFormat.instant(advice.at, timeZoneIdentifier: zone)).</p>
                <p>The Company and the Purchasers are asked to deliver the executed Release Notice (1.4, Exhibit A).</p>
                """)
        case "release-instrument":
            let signers = state.requiredSigners(of: .releaseNotice).filter { viewer.seesWholeDeal || $0 == viewer.party }
            let signed = state.signatures[.releaseNotice] ?? [:]
            let pages = HTML.join(signers.map { signer in
                let line: HTML = signed[signer].map { "Signed \(WebFormat.instant($0.at, timeZoneIdentifier: zone)); counterpart accepted by the Escrow Agent." } ?? "Not yet signed."
                return """
                    <section class="signature-page"><h2>Signature page: \(state.displayName(signer))</h2>
                    <p>\(state.displayName(signer)), by its authorised signatory:</p><p>______________________________</p><p>\(line)</p></section>
                    """
            })
            return (
                "Release Notice (Exhibit A)",
                """
                <h1>Release Notice (Exhibit A)</h1>\(heading)
                <pre class="signing">\(state.text(of: .releaseNotice) ?? "")</pre>\(pages)
                """)
        case "disbursement-memo":
            guard viewer.seesWholeDeal else { return nil }
            let payments = state.disbursements.flatMap { disbursed in disbursed.payments.map { ($0, disbursed.at) } }
            let rows = HTML.join(payments.map { payment, at in
                "<tr><td>\(state.displayName(payment.payee))</td><td class=\"num\">\(money(payment.amount))</td><td>\(payment.destination)</td><td>\(payment.purpose)</td><td>\(WebEscrowPage.clauseLinks(payment.clause))</td><td>\(WebFormat.instant(at, timeZoneIdentifier: zone))</td></tr>"
            })
            let plan: HTML = payments.isEmpty ? "<p>No disbursement has been made. Written instructions on file: \(state.instructions.keys.map { state.displayName($0) }.sorted().joined(separator: ", ")).</p>" : ""
            return (
                "Disbursement memo",
                """
                <h1>Disbursement memo (<a href="/desk/clauses#clause-1.5">1.5</a>, <a href="/desk/clauses#clause-1.6">1.6</a>)</h1>\(heading)\(plan)
                <table><caption>Who is paid what, to which account, under which clause</caption><thead><tr><th scope="col">Payee</th><th scope="col" class="num">Amount</th><th scope="col">Account</th><th scope="col">Purpose</th><th scope="col">Clause</th><th scope="col">When</th></tr></thead><tbody>\(rows)</tbody></table>
                """)
        case "statement":
            let status = StatusView(state, viewer: viewer, now: now)
            let subscriptions = HTML.join(status.subscriptions.map {
                "<tr><td>\($0.name)</td><td class=\"num\">\(HTML.text(WebFormat.money($0.subscribedMinorUnits, state.currency)))</td><td class=\"num\">\(HTML.text(WebFormat.money($0.depositedMinorUnits, state.currency)))</td></tr>"
            })
            let deposits = HTML.join(status.deposits.map {
                "<tr><td>\(WebFormat.instant($0.at, timeZoneIdentifier: zone))</td><td>\($0.bankReference)</td><td class=\"num\">\(HTML.text(WebFormat.money($0.amountMinorUnits, state.currency)))</td></tr>"
            })
            let payments = HTML.join(status.payments.map {
                "<tr><td>\(WebFormat.instant($0.at, timeZoneIdentifier: zone))</td><td>\(status.name($0.payee))</td><td class=\"num\">\(HTML.text(WebFormat.money($0.amountMinorUnits, state.currency)))</td><td>\(WebEscrowPage.clauseLinks($0.clause))</td></tr>"
            })
            return (
                "Statement of account",
                """
                <h1>Statement of account</h1>\(heading)<p>For \(viewer.label).</p>
                <table><caption>Subscriptions</caption><thead><tr><th scope="col">Purchaser</th><th scope="col" class="num">Subscribed</th><th scope="col" class="num">Received</th></tr></thead><tbody>\(subscriptions)</tbody></table>
                <table><caption>Wires received</caption><thead><tr><th scope="col">Recorded</th><th scope="col">Reference</th><th scope="col" class="num">Amount</th></tr></thead><tbody>\(deposits)</tbody></table>
                <table><caption>Payments out</caption><thead><tr><th scope="col">When</th><th scope="col">Payee</th><th scope="col" class="num">Amount</th><th scope="col">Clause</th></tr></thead><tbody>\(payments)</tbody></table>
                """)
        default:
            return nil
        }
    }
}
