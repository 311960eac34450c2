import Foundation
import Hummingbird

/// The agreement's own text, each numbered clause with an anchor (`#clause-1.7`) that every
/// citation on the desk links to.
enum WebClauses {
    /// The text shipped with the server (`Resources/escrow-agreement-2005.txt`), or `nil` when
    /// the resource is missing from the build.
    static let text: String? = Bundle.module.url(forResource: "escrow-agreement-2005", withExtension: "txt").flatMap {
        try? String(contentsOf: $0, encoding: .utf8)
    }

    /// The text split into paragraphs; a paragraph opening with `N.N.` is that clause.
    static var paragraphs: [(clause: String?, text: String)] {
        guard let text else { return [] }
        var result: [(String?, String)] = []
        var current: [String] = []
        func flush() {
            let paragraph = current.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
                .replacingOccurrences(of: "  ", with: " ")
            current = []
            guard !paragraph.isEmpty else { return }
            let head = paragraph.prefix { $0.isNumber || $0 == "." }
            let clause = head.contains(".") && head.first?.isNumber == true && head.hasSuffix(".") ? String(head.dropLast()) : nil
            result.append((clause, paragraph))
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.trimmingCharacters(in: .whitespaces).isEmpty { flush() } else { current.append(String(line)) }
        }
        flush()
        return result
    }

    static let rendered: HTML = {
        var seen: Set<String> = []
        return HTML.join(paragraphs.map { paragraph in
            if let clause = paragraph.clause, seen.insert(clause).inserted {
                return "<p class=\"clause\" id=\"clause-\(clause)\">\(paragraph.text)</p>"
            }
            return "<p>\(paragraph.text)</p>"
        })
    }()

    static func page(_ session: WebSession) -> Response {
        let body: HTML = text == nil
            ? "<h1>The agreement</h1><p class=\"refusal\">The agreement's text is not bundled with this server.</p>"
            : "<h1>The escrow agreement of 19 August 2005</h1><p>Each citation on the desk links to its clause here.</p>\(rendered)"
        return WebLayout.page(title: "Agreement text", session: session, body: body)
    }
}
