import EscrowCore
import EscrowStore
import EscrowUsers
import Foundation

/// An escrow's page: what the signed-in user may see of it (the same ``StatusView``,
/// ``LedgerView`` and timeline scoping as the JSON API) and the forms of that user's steps.
struct WebEscrowPage {
    var access: EscrowAPI.Access
    var session: WebSession
    var status: StatusView
    /// The log's lines the viewer may see, in the log's order.
    var timeline: [TimelineEntry]
    /// Requests awaiting a second agent user, shown among the latest lines.
    var pendingLines: [TimelineEntry]
    var approvals: [PendingApproval]
    var now: Date
    var form: WebFormState?
    var notice: String?
    var paging = WebPaging()
    /// Whether the server has a browser to print the documents to PDF.
    var pdfAvailable = true

    var state: EscrowState { access.state }
    var currency: Currency { state.currency }
    var zone: String { state.terms.calendar.timeZoneIdentifier }
    var base: String { "/desk/escrows/\(access.escrowID.rawValue)" }
    var viewer: Viewer { access.viewer }

    func money(_ minorUnits: Int64) -> HTML { HTML.text(WebFormat.money(minorUnits, currency)) }
    func when(_ date: Date) -> HTML { HTML.text(WebFormat.instant(date, timeZoneIdentifier: zone)) }
    func name(_ id: String) -> String { status.name(id) }

    /// A clause citation as links to the agreement's text: `1.5, 1.6` becomes two links.
    static func clauseLinks(_ citation: String) -> HTML {
        var parts: [HTML] = []
        for piece in citation.split(separator: ",") {
            let text = piece.trimmingCharacters(in: .whitespaces)
            let number = text.prefix { $0.isNumber || $0 == "." }
            if number.contains("."), number.first?.isNumber == true {
                parts.append("<a href=\"/desk/clauses#clause-\(String(number))\">\(text)</a>")
            } else {
                parts.append(HTML.text(text))
            }
        }
        return HTML(markup: parts.map(\.markup).joined(separator: ", "))
    }

    var html: HTML {
        var sections: [HTML] = [summary]
        if let notice { sections.insert("<p class=\"notice\" role=\"status\">\(notice)</p>", at: 0) }
        // An error summary first, linking to the field it is about (or its form).
        if let form, let first = form.errors.sorted(by: { $0.key < $1.key }).first {
            let (field, message) = (first.key, first.value)
            let target = field.isEmpty ? "\(form.form)-error" : "\(form.form)-\(field)"
            sections.insert("<div class=\"alarm\" role=\"alert\"><p>Not done: <a href=\"#\(target)\">\(message)</a></p></div>", at: 0)
        }
        sections.append(subscriptions)
        if viewer.isAgent || !status.deposits.isEmpty { sections.append(deposits) }
        if case .party = viewer, viewer.role != .company { sections.append(stillToDo) }
        sections.append(conditions)
        sections.append(counterparts)
        sections.append(deadlines)
        sections.append(holds)
        if !status.payments.isEmpty { sections.append(payments) }
        if viewer.isAgent { sections.append(approvalsSection) }
        sections.append(instructions)
        sections.append(documentsSection)
        if viewer.mayReadLedger { sections.append(ledgerSection(state.ledger)) }
        sections.append(timelineSection)
        return HTML.join(sections)
    }

    var summary: HTML {
        var cards: [HTML] = [card("Phase", HTML.text(status.phase))]
        if let funds = status.funds {
            cards.append(card("Funds held", money(funds.heldMinorUnits)))
            cards.append(card("Received in all", money(funds.depositedMinorUnits)))
            cards.append(card("Paid out", money(funds.paidOutMinorUnits)))
            cards.append(card("Refunded", money(funds.refundedMinorUnits)))
        }
        if let advised = status.advisedMinorUnits { cards.append(card("Advised under 1.2", money(advised))) }
        let next: HTML = status.nextStep.map { "<p><strong>Next step:</strong> \($0)</p>" } ?? ""
        return """
            <h1>\(status.title)</h1>
            <p>Escrow <strong>\(status.escrow)</strong>, agreement dated \(WebFormat.date(state.terms.dated)); escrow agent \(status.agent). You see it as \(status.viewer).</p>
            <div class="cards">\(cards)</div>\(next)
            """
    }

    func card(_ label: String, _ value: HTML) -> HTML {
        "<div class=\"card\"><p class=\"label\">\(label)</p><p class=\"value\">\(value)</p></div>"
    }

    var subscriptions: HTML {
        let rows = HTML.join(status.subscriptions.map { line in
            let outstanding = line.subscribedMinorUnits - line.depositedMinorUnits
            return """
                <tr><th scope="row">\(line.name)</th><td class="num">\(money(line.subscribedMinorUnits))</td><td class="num">\(money(line.depositedMinorUnits))</td>\
                <td class="num">\(outstanding == 0 ? HTML(markup: "<span class=\"ok\">in full</span>") : money(outstanding))</td></tr>
                """
        })
        let subscribed = status.subscriptions.reduce(Int64(0)) { $0.addingReportingOverflow($1.subscribedMinorUnits).partialValue }
        let chart: HTML =
            viewer.isAgent || viewer.role == .company || !status.deposits.isEmpty
            ? WebCharts.fundsOverTime(
                deposits: chartDeposits, subscribedMinorUnits: subscribed, currency: currency, timeZone: zone) : ""
        return """
            <h2 id="subscriptions">Subscriptions and funds received <small>(<a href="/desk/clauses#clause-1.1">1.1</a>)</small></h2>
            <table><caption>Subscriptions against funds received, per purchaser</caption>
            <thead><tr><th scope="col">Purchaser</th><th scope="col" class="num">Subscribed</th><th scope="col" class="num">Received</th><th scope="col" class="num">Outstanding</th></tr></thead>
            <tbody>\(rows)</tbody></table>\(chart)
            """
    }

    /// Every wire for the agent (the company sees the running total from the ledger's
    /// postings); a purchaser's own.
    var chartDeposits: [(at: Date, minorUnits: Int64)] {
        if viewer.role == .company {
            return state.deposits.map { ($0.at, $0.amount.amountMinorUnits) }
        }
        return status.deposits.map { ($0.at, $0.amountMinorUnits) }
    }

    var deposits: HTML {
        let window = WebPaging.window(count: status.deposits.count, endingBefore: paging.wiresBefore)
        let pager = pagerLinks(shown: window, count: status.deposits.count, noun: "wires", older: "\(base)?wires=\(window.lowerBound)#deposits", latest: "\(base)#deposits")
        let rows = HTML.join(status.deposits[window].map { line in
            let flags: HTML = line.flags.isEmpty ? "" : "<span class=\"warn\">\(line.flags.joined(separator: ", "))</span>"
            return """
                <tr><td>\(when(line.at))</td><td>\(line.bankReference)</td><td>\(line.purchaser.map(name) ?? line.senderName)</td>\
                <td class="num">\(money(line.amountMinorUnits))</td><td>\(flags)</td></tr>
                """
        })
        let form: HTML = viewer.isAgent && state.phase == .open ? depositForm : ""
        return """
            <h2 id="deposits">Wires received <small>(\(Self.clauseLinks("1.1, 1.3")))</small></h2>
            \(pager)<table><caption>Wires into the escrow account</caption><thead><tr><th scope="col">Recorded</th><th scope="col">Bank reference</th><th scope="col">From</th><th scope="col" class="num">Amount</th><th scope="col">Flags</th></tr></thead>
            <tbody>\(rows)</tbody></table>\(form)
            """
    }

    var depositForm: HTML {
        let purchasers = [("", "not a purchaser (unknown sender)")] + state.terms.subscriptions.map { ($0.purchaser.rawValue, state.displayName($0.purchaser)) }
        return """
            <form class="desk" method="post" action="\(base)/deposits" novalidate><fieldset><legend>Record a wire (1.1, 1.3)</legend>
            \(WebLayout.csrfField(session))\(WebField.formError("deposit", state: form))
            \(WebField.select("deposit", "purchaser", label: "Purchaser", options: purchasers.map { (value: $0.0, label: $0.1) }, state: form))
            \(WebField.input("deposit", "senderName", label: "Sender's name (for a wire from someone else)", state: form, required: false))
            \(WebField.input("deposit", "amount", label: "Amount (\(currency.code))", hint: "As the bank reports it, e.g. 3000000.00", state: form, extra: " inputmode=\"decimal\" autocomplete=\"off\""))
            \(WebField.input("deposit", "bankReference", label: "Bank reference", hint: "The wire's reference; a wire reported twice under one reference is one deposit", state: form))
            <button type="submit">Record the wire</button></fieldset></form>
            """
    }

    var stillToDo: HTML {
        guard let me = viewer.party else { return "" }
        var items: [HTML] = []
        for condition in status.conditions where condition.awaiting.contains(me.rawValue) {
            items.append("<li>Send: \(condition.title) (\(Self.clauseLinks(condition.clause)))</li>")
        }
        if status.releaseNotice.awaiting.contains(me.rawValue) {
            items.append("<li>Sign your counterpart of the Release Notice (\(Self.clauseLinks("1.4, Exhibit A")))</li>")
        }
        if state.terms.subscriptions.contains(where: { $0.purchaser == me }), state.instructions[me] == nil {
            items.append("<li>Give written wire instructions for a refund (\(Self.clauseLinks("1.7"))), so your money can go back if the NIR Waiver does not come</li>")
        }
        let list: HTML = items.isEmpty ? "<p class=\"ok\">Nothing is awaited from you.</p>" : "<ul>\(items)</ul>"
        return "<h2 id=\"todo\">What you still have to sign or send</h2>\(list)"
    }

    var conditions: HTML {
        let rows = HTML.join(status.conditions.map { line in
            let awaiting = line.awaiting.map(name).joined(separator: ", ")
            let mark: HTML = line.met ? "<span class=\"ok\">✓ met</span>" : "<span class=\"bad\">awaiting</span>"
            return "<tr><td>\(mark)</td><td>\(line.title)</td><td>\(Self.clauseLinks(line.clause))</td><td>\(awaiting)</td></tr>"
        })
        let documents = HTML.join(status.documents.map { document in
            "<tr><td>\(document.title)</td><td>\(name(document.from))</td><td>\(when(document.at))</td><td class=\"num\">\(document.byteCount)</td><td class=\"hash\">\(document.sha256)</td></tr>"
        })
        let form: HTML = viewer.isAgent && state.phase == .open ? documentForm : ""
        return """
            <h2 id="conditions">Conditions of release <small>(\(Self.clauseLinks("1.2")))</small></h2>
            <table><caption>Conditions checklist</caption><thead><tr><th scope="col">State</th><th scope="col">Condition</th><th scope="col">Clause</th><th scope="col">Awaiting</th></tr></thead><tbody>\(rows)</tbody></table>
            <table><caption>Documents received, each by its SHA-256</caption><thead><tr><th scope="col">Document</th><th scope="col">From</th><th scope="col">Received</th><th scope="col" class="num">Bytes</th><th scope="col">SHA-256</th></tr></thead><tbody>\(documents)</tbody></table>
            \(form)
            """
    }

    var documentForm: HTML {
        let conditions = state.conditions.filter { !$0.isMet }.map { (value: $0.id.rawValue, label: $0.title) }
        let parties = state.terms.parties.filter { $0.role != .escrowAgent }.map { (value: $0.id.rawValue, label: $0.name) }
        return """
            <form class="desk" method="post" action="\(base)/documents" enctype="multipart/form-data" novalidate><fieldset><legend>Receive a document (1.2)</legend>
            \(WebLayout.csrfField(session))\(WebField.formError("document", state: form))
            \(WebField.select("document", "condition", label: "Condition it answers", options: conditions, state: form))
            \(WebField.select("document", "from", label: "Delivered by", options: parties, state: form))
            \(WebField.input("document", "file", label: "The document", type: "file", hint: "Kept under its SHA-256; the log records the hash", state: form))
            <button type="submit">Receive the document</button></fieldset></form>
            """
    }

    var counterparts: HTML {
        let signers = state.requiredSigners(of: .releaseNotice).filter { viewer.seesWholeDeal || $0 == viewer.party }
        let signed = state.signatures[.releaseNotice] ?? [:]
        let rows = HTML.join(signers.map { signer in
            let cell: HTML
            if let signature = signed[signer] {
                cell = "<span class=\"ok\">✓ signed</span> \(when(signature.at))"
            } else {
                cell = "<span class=\"bad\">not signed</span>"
            }
            return "<tr><th scope=\"row\">\(state.displayName(signer))</th><td>\(cell)</td></tr>"
        })
        let effective: HTML = status.releaseNotice.effective
            ? "<p class=\"ok\">The Release Notice is effective.</p>"
            : "<p>\(status.releaseNotice.awaitingCount) counterpart(s) still awaited.</p>"
        var forms: HTML = ""
        if let me = viewer.party, status.releaseNotice.awaiting.contains(me.rawValue) {
            // 1.4: the Release Notice is delivered once the agent has advised that every condition is in.
            forms = state.advice == nil
                ? "<p>You can sign your counterpart once the agent advises that every condition is in (\(Self.clauseLinks("1.2, 1.4"))).</p>"
                : signForm(me)
        }
        if viewer.isAgent, !status.releaseNotice.awaiting.isEmpty { forms = attestForm }
        return """
            <h2 id="counterparts">Release Notice counterparts <small>(\(Self.clauseLinks("1.4, 1.5, Exhibit A")))</small></h2>
            <table><caption>Who has signed the release instrument (Exhibit A)</caption><thead><tr><th scope="col">Signer</th><th scope="col">Counterpart</th></tr></thead><tbody>\(rows)</tbody></table>
            \(effective)\(forms)
            """
    }

    func signForm(_ me: PartyID) -> HTML {
        let text = state.signingMessage(for: .releaseNotice, signer: me).map { String(decoding: $0.bytes, as: UTF8.self) } ?? ""
        return """
            <form class="desk" method="post" action="\(base)/signatures" enctype="multipart/form-data" novalidate><fieldset><legend>Sign your counterpart (1.4, Exhibit A)</legend>
            \(WebLayout.csrfField(session))\(WebField.formError("sign", state: form))
            <p>Sign exactly this text with the Ed25519 key the agent registered for you (2.8), for example with <code>escrow keys sign</code>, and upload the signature (base64). <a id="release-notice-text-link" href="\(base)/signing-text">Download the text of your counterpart</a>.</p>
            <pre class="signing" id="signing-text">\(text)</pre>
            \(WebField.input("sign", "signature", label: "Signature file", type: "file", hint: "A file holding the base64 Ed25519 signature", state: form))
            <button type="submit">Deliver my counterpart</button></fieldset></form>
            """
    }

    var attestForm: HTML {
        let signers = status.releaseNotice.awaiting.map { (value: $0, label: name($0)) }
        return """
            <form class="desk" method="post" action="\(base)/signatures" enctype="multipart/form-data" novalidate><fieldset><legend>Attest a paper counterpart (2.10)</legend>
            \(WebLayout.csrfField(session))\(WebField.formError("attest", state: form))
            \(WebField.select("attest", "signer", label: "Signer", options: signers, state: form))
            \(WebField.input("attest", "scan", label: "Scanned signature page", type: "file", hint: "Its SHA-256 is recorded, and your user id as the attesting agent user", state: form))
            <button type="submit">Attest the counterpart</button></fieldset></form>
            """
    }

    var deadlines: HTML {
        let today = CivilDate(instant: now, timeZoneIdentifier: zone)
        let rows = HTML.join(status.deadlines.map { line in
            let left: HTML = line.businessDaysLeft.map { "\($0)" }.map(HTML.text) ?? "—"
            let cls = line.status.hasPrefix("met") ? "ok" : (line.missed ? "bad" : "")
            let clause = line.id == EscrowState.refundDeadlineID.rawValue ? "1.7" : "1.2"
            return "<tr><td>\(line.id)</td><td>\(deadlineDate(line.id))</td><td>\(Self.clauseLinks(clause))</td><td class=\"\(cls)\">\(line.status)</td><td class=\"num\">\(left)</td></tr>"
        })
        let chart = WebCharts.deadlines(
            state.deadlines.sorted { $0.key < $1.key }.map { id, deadline in
                (id: id.rawValue, date: deadline.date, status: status.deadlines.first { $0.id == id.rawValue }?.status ?? "")
            }, dated: state.terms.dated, today: today, calendar: state.calendar)
        return """
            <h2 id="deadlines">Deadlines</h2>
            <p>Today is \(WebFormat.date(today)) (\(zone)).</p>
            <table><caption>Deadlines with business days left</caption><thead><tr><th scope="col">Deadline</th><th scope="col">Date</th><th scope="col">Clause</th><th scope="col">Status</th><th scope="col" class="num">Business days left</th></tr></thead><tbody>\(rows)</tbody></table>
            \(chart)
            """
    }

    func deadlineDate(_ id: String) -> String {
        state.deadlines[DeadlineID(id)].map { WebFormat.date($0.date) } ?? ""
    }

    var holds: HTML {
        let rows = HTML.join(status.holds.map { hold in
            let amount: HTML = hold.amountMinorUnits.map { money($0) } ?? "all funds"
            return "<tr><td>\(hold.id)</td><td class=\"num\">\(amount)</td><td>\(hold.reason)</td><td>\(hold.partiesConcerned.map(name).joined(separator: ", "))</td></tr>"
        })
        let table: HTML = status.holds.isEmpty
            ? "<p>No funds are held back.</p>"
            : "<table><caption>Active holds</caption><thead><tr><th scope=\"col\">Hold</th><th scope=\"col\" class=\"num\">Amount</th><th scope=\"col\">Reason</th><th scope=\"col\">Parties concerned</th></tr></thead><tbody>\(rows)</tbody></table>"
        let parties = state.terms.parties.filter { $0.role != .escrowAgent }.map { (value: $0.id.rawValue, label: $0.name) }
        let form: HTML = viewer.isAgent && state.phase == .open ? """
            <form class="desk" method="post" action="\(base)/holds" novalidate><fieldset><legend>Place a hold (2.14)</legend>
            \(WebLayout.csrfField(session))\(WebField.formError("hold", state: form))
            \(WebField.input("hold", "id", label: "Hold id", hint: "e.g. H1", state: form))
            \(WebField.input("hold", "amount", label: "Amount (\(currency.code))", hint: "Leave empty to hold all funds", state: form, required: false, extra: " inputmode=\"decimal\""))
            \(WebField.input("hold", "reason", label: "What the dispute is about", state: form))
            \(WebField.select("hold", "party", label: "Party concerned", options: parties, state: form))
            <button type="submit">Place the hold</button></fieldset></form>
            """ : ""
        return "<h2 id=\"holds\">Holds and disputes <small>(\(Self.clauseLinks("2.14")))</small></h2>\(table)\(form)"
    }

    var payments: HTML {
        let rows = HTML.join(status.payments.map { line in
            "<tr><td>\(when(line.at))</td><td>\(name(line.payee))</td><td class=\"num\">\(money(line.amountMinorUnits))</td><td>\(line.destination)</td><td>\(line.purpose)</td><td>\(Self.clauseLinks(line.clause))</td></tr>"
        })
        return """
            <h2 id="payments">Payments</h2><table><caption>Payments made at release, under a court order or in a refund</caption>
            <thead><tr><th scope="col">When</th><th scope="col">Payee</th><th scope="col" class="num">Amount</th><th scope="col">To</th><th scope="col">Purpose</th><th scope="col">Clause</th></tr></thead><tbody>\(rows)</tbody></table>
            """
    }

    var instructions: HTML {
        let shown = state.instructions.filter { viewer.seesWholeDeal || $0.key == viewer.party }.sorted { $0.key < $1.key }
        let rows = HTML.join(shown.flatMap { party, given in
            given.lines.map { line in
                let amount: HTML = line.amount.map { HTML.text(WebFormat.money($0)) } ?? "the rest"
                return "<tr><td>\(state.displayName(party))</td><td>\(line.account.accountName)</td><td>\(line.account.bank)</td><td>\(line.account.routingNumber)</td><td>\(line.account.accountNumber)</td><td class=\"num\">\(amount)</td><td>\(when(given.at))</td></tr>"
            }
        })
        let pendingMine = approvals.contains { approval in
            if case .giveInstructions(let party, _, _) = approval.command { return isPending(approval) && party == viewer.party }
            return false
        }
        let table: HTML = shown.isEmpty
            ? "<p>No written wire instructions are on file\(viewer.party == nil ? "" : " for you").</p>"
            : "<table><caption>Written wire instructions on file</caption><thead><tr><th scope=\"col\">Party</th><th scope=\"col\">Account name</th><th scope=\"col\">Bank</th><th scope=\"col\">Routing</th><th scope=\"col\">Account</th><th scope=\"col\" class=\"num\">Amount</th><th scope=\"col\">Given</th></tr></thead><tbody>\(rows)</tbody></table>"
        let waiting: HTML = pendingMine ? "<p class=\"warn\">Your bank details await the desk's call-back before they take effect.</p>" : ""
        return "<h2 id=\"instructions\">Wire instructions <small>(\(Self.clauseLinks("1.6, 1.7")))</small></h2>\(table)\(waiting)\(instructionsForm)"
    }

    var documentsSection: HTML {
        var links: [HTML] = []
        if state.advice != nil || viewer.seesWholeDeal { links.append(documentLink("advice", "Advice of funds received (1.2)")) }
        links.append(documentLink("release-instrument", "Release Notice, Exhibit A, with a signature page per signer"))
        if viewer.seesWholeDeal { links.append(documentLink("disbursement-memo", "Disbursement memo (1.5, 1.6)")) }
        links.append(documentLink("statement", "Statement of account"))
        return "<h2 id=\"documents\">Documents</h2><ul>\(links)</ul>\(statementForm)"
    }

    /// The agent draws a statement of account as any party sees its own.
    var statementForm: HTML {
        guard viewer.isAgent else { return "" }
        let parties = state.terms.parties.filter { $0.role != .escrowAgent }.map { (value: $0.id.rawValue, label: $0.name) }
        let pdf: HTML = pdfAvailable ? "<button type=\"submit\" formaction=\"\(base)/documents/statement.pdf\">PDF</button>" : ""
        return """
            <form class="desk" method="get" action="\(base)/documents/statement"><fieldset><legend>A party's statement of account</legend>
            \(WebField.select("statement", "party", label: "Party", options: parties, state: nil))<button type="submit">Statement</button> \(pdf)</fieldset></form>
            """
    }

    func documentLink(_ kind: String, _ title: String) -> HTML {
        let pdf: HTML = pdfAvailable
            ? "<a href=\"\(base)/documents/\(kind).pdf\">PDF</a>"
            : "<span>PDF unavailable: no headless Chromium is installed on the server</span>"
        return "<li><a href=\"\(base)/documents/\(kind)\">\(title)</a> · \(pdf)</li>"
    }

    func ledgerSection(_ ledger: Ledger) -> HTML {
        let window = WebPaging.window(count: ledger.postings.count, endingBefore: paging.postingsBefore)
        let rows = HTML.join(window.map { index in
            let posting = ledger.postings[index]
            return "<tr><td>\(posting.debit.description)</td><td>\(posting.credit.description)</td><td class=\"num\">\(money(posting.amount.amountMinorUnits))</td><td>\(Self.clauseLinks(posting.clause))</td></tr>"
        })
        let pager = pagerLinks(
            shown: window, count: ledger.postings.count, noun: "postings", older: "\(base)?postings=\(window.lowerBound)#ledger", latest: "\(base)#ledger")
        return """
            <h2 id="ledger">Ledger</h2>
            <p>Deposited \(money(ledger.deposited.amountMinorUnits)) = held \(money(ledger.held.amountMinorUnits)) + paid out \(money(ledger.paidOut.amountMinorUnits)) + refunded \(money(ledger.refunded.amountMinorUnits)) + with court \(money(ledger.depositedWithCourt.amountMinorUnits)).</p>
            \(pager)<table><caption>Postings</caption><thead><tr><th scope="col">Debit</th><th scope="col">Credit</th><th scope="col" class="num">Amount</th><th scope="col">Clause</th></tr></thead><tbody>\(rows)</tbody></table>
            """
    }

    /// Where a long list stands: which lines of how many, with links to older and to the latest.
    func pagerLinks(shown: Range<Int>, count: Int, noun: String, older: String, latest: String) -> HTML {
        guard count > shown.count else { return "" }
        let olderLink: HTML = shown.lowerBound > 0 ? "<a href=\"\(older)\">Older \(noun)</a>" : ""
        let latestLink: HTML = shown.upperBound < count ? "<a href=\"\(latest)\">Latest \(noun)</a>" : ""
        let links = HTML(markup: [olderLink, latestLink].map(\.markup).filter { !$0.isEmpty }.joined(separator: " "))
        let what = noun.prefix(1).uppercased() + noun.dropFirst()
        return "<p class=\"pager\">\(what) \(shown.lowerBound + 1) to \(shown.upperBound) of \(count).\(links)</p>"
    }

    var timelineSection: HTML {
        let end = paging.timelineBefore.map { WebPaging.index(of: $0, in: timeline) }
        let window = WebPaging.window(count: timeline.count, endingBefore: end)
        var shown = Array(timeline[window])
        if window.upperBound == timeline.count {
            // Requests still awaiting a check belong with the latest lines, by when they were made.
            shown += pendingLines
            shown.sort { $0.at < $1.at || ($0.at == $1.at && ($0.sequence ?? .max) < ($1.sequence ?? .max)) }
        }
        let rows = HTML.join(shown.map { entry in
            let hash: HTML = entry.hash.map { "<td class=\"hash\">\(String($0.prefix(16)))…</td>" } ?? (viewer.isAgent ? "<td>pending</td>" : "")
            return "<tr><td>\(entry.sequence.map { String($0) } ?? "—")</td><td>\(when(entry.at))</td><td>\(Self.clauseLinks(entry.clause))</td><td>\(entry.summary)</td>\(hash)</tr>"
        })
        let oldest = window.isEmpty ? 0 : timeline[window.lowerBound].sequence ?? 0
        let pager = pagerLinks(shown: window, count: timeline.count, noun: "lines", older: "\(base)?before=\(oldest)#timeline", latest: "\(base)#timeline")
        let hashHead: HTML = viewer.isAgent ? "<th scope=\"col\">Hash</th>" : ""
        return """
            <h2 id="timeline">Timeline</h2>\(pager)
            <table><caption>History, with the clause each step is under</caption><thead><tr><th scope="col">#</th><th scope="col">When</th><th scope="col">Clause</th><th scope="col">What happened</th>\(hashHead)</tr></thead><tbody>\(rows)</tbody></table>
            """
    }
}
