import EscrowCore
@testable import EscrowServer
import EscrowStore
import EscrowTesting
import EscrowUsers
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// The documents' PDF links on a server with no browser to print them.
@Suite("desk documents without a browser")
struct DocumentPDFTests {
    @Test("with no headless Chromium configured, each PDF link says so, the PDF route answers 503 naming why, and the HTML document is served")
    func noBrowser() async throws {
        try await WebDeskTests.server(.sqlite) { server in
            try await ReferenceDealPlayer(service: server.service).play(through: .readyToRelease)
            var configuration = ServerConfiguration(hostname: "127.0.0.1", port: 0, documentsDirectory: server.folder.appendingPathComponent("documents").path)
            configuration.pdfBrowserPath = nil
            var logger = Logger(label: "escrow.test")
            logger.logLevel = .warning
            let application = buildApplication(
                configuration: configuration, service: server.service, users: server.users, clock: server.clock, logger: logger, runsScheduler: false)
            try await application.test(.router) { client in
                var alice = try await WebDeskTests.signIn(client, "alice").0
                let page = try await WebDeskTests.get(client, "/desk/escrows/roo-group-2005", &alice)
                #expect(page.text.components(separatedBy: "PDF unavailable: no headless Chromium is installed on the server").count - 1 == 4)
                #expect(!page.text.contains(".pdf\""))
                for kind in ["advice", "release-instrument", "disbursement-memo", "statement"] {
                    let html = try await WebDeskTests.get(client, "/desk/escrows/roo-group-2005/documents/\(kind)", &alice)
                    #expect(html.status == .ok, "\(kind)")
                    #expect(html.text.contains("SHA-256 of this document's text"), "\(kind)")
                    let pdf = try await WebDeskTests.get(client, "/desk/escrows/roo-group-2005/documents/\(kind).pdf", &alice)
                    #expect(pdf.status == .serviceUnavailable, "\(kind).pdf")
                    #expect(pdf.text.contains("no headless Chromium is installed on the server; the HTML document is the same text"), "\(kind).pdf")
                }
            }
        }
    }

    @Test("with Chromium configured, the page links each document's PDF")
    func browserConfigured() async throws {
        try await WebDeskTests.server(.sqlite) { server in
            try await ReferenceDealPlayer(service: server.service).play(through: .readyToRelease)
            var configuration = ServerConfiguration(hostname: "127.0.0.1", port: 0, documentsDirectory: server.folder.appendingPathComponent("documents").path)
            configuration.pdfBrowserPath = "/usr/bin/chromium"
            let application = buildApplication(
                configuration: configuration, service: server.service, users: server.users, clock: server.clock, logger: Logger(label: "escrow.test"),
                runsScheduler: false)
            try await application.test(.router) { client in
                var alice = try await WebDeskTests.signIn(client, "alice").0
                let page = try await WebDeskTests.get(client, "/desk/escrows/roo-group-2005", &alice)
                for kind in ["advice", "release-instrument", "disbursement-memo", "statement"] {
                    #expect(page.text.contains("<a href=\"/desk/escrows/roo-group-2005/documents/\(kind).pdf\">PDF</a>"), "\(kind)")
                }
                #expect(!page.text.contains("PDF unavailable"))
                #expect(page.text.contains("formaction=\"/desk/escrows/roo-group-2005/documents/statement.pdf\""))
            }
        }
    }

    @Test("an agent user draws any party's statement of account as that party sees its own; a purchaser only its own")
    func statementOfAnyParty() async throws {
        try await WebDeskTests.server(.sqlite) { server in
            try await ReferenceDealPlayer(service: server.service).play(through: .readyToRelease)
            try await server.application().test(.router) { client in
                var alice = try await WebDeskTests.signIn(client, "alice").0
                let statement = try await WebDeskTests.get(client, "/desk/escrows/roo-group-2005/documents/statement?party=purchaser-2", &alice)
                #expect(statement.status == .ok)
                #expect(statement.text.contains("For purchaser-2 (purchaser)."))
                #expect(statement.text.contains("FW20050822002"))
                #expect(!statement.text.contains("FW20050822001"))
                let unknown = try await WebDeskTests.get(client, "/desk/escrows/roo-group-2005/documents/statement?party=nobody", &alice)
                #expect(unknown.status == .notFound)
                var purchaser = try await WebDeskTests.signIn(client, "purchaser-1").0
                let other = try await WebDeskTests.get(client, "/desk/escrows/roo-group-2005/documents/statement?party=purchaser-2", &purchaser)
                #expect(other.status == .notFound)
                #expect(!other.text.contains("FW20050822002"))
                let own = try await WebDeskTests.get(client, "/desk/escrows/roo-group-2005/documents/statement", &purchaser)
                #expect(own.text.contains("For purchaser-1 (purchaser)."))
            }
        }
    }
}
