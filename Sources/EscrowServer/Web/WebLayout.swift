import EscrowCore
import EscrowUsers
import Foundation
import Hummingbird

/// The frame every desk page shares: skip link, header with who is signed in, the page's own
/// `<main>`, and one stylesheet (screen and print).
enum WebLayout {
    /// A whole page as an HTTP answer.
    static func page(
        title: String, session: WebSession?, demo: HTML? = nil, status: HTTPResponse.Status = .ok, body: HTML
    ) -> Response {
        var header: HTML = ""
        if let session {
            header = """
                <nav aria-label="Desk"><a href="/desk">Escrows</a> <a href="/desk/clauses">Agreement text</a></nav>
                <form method="post" action="/desk/sign-out" class="inline">\(csrfField(session))
                <span class="who">Signed in as <strong>\(session.principal.userID.rawValue)</strong> (\(session.principal.isAgent ? "agent user" : "party user"))</span>
                <button type="submit">Sign out</button></form>
                """
        }
        let page: HTML = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title) · Escrow desk</title><style>\(HTML(markup: stylesheet))</style></head>
            <body><a class="skip" href="#main">Skip to content</a>
            <header class="top"><p class="brand">Escrow desk</p>\(header)</header>
            \(demo ?? "")
            <main id="main">\(body)</main>
            <footer><p>Every amount is in integer minor units underneath; every line of history is in the escrow's hash-chained log.</p></footer>
            </body></html>
            """
        var headers: HTTPFields = [.contentType: "text/html; charset=utf-8"]
        headers[.cacheControl] = "no-store"
        headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'"
        headers[.xContentTypeOptions] = "nosniff"
        if let referrerPolicy = HTTPFields.Element.Name("Referrer-Policy") { headers[referrerPolicy] = "no-referrer" }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: page.markup)))
    }

    static func csrfField(_ session: WebSession) -> HTML {
        "<input type=\"hidden\" name=\"csrf\" value=\"\(session.csrfToken)\">"
    }

    /// A redirect after a form was accepted (POST, then GET).
    static func seeOther(_ location: String, cookies: [String] = []) -> Response {
        var headers: HTTPFields = [.location: location]
        for cookie in cookies { headers.append(HTTPFields.Element(name: .setCookie, value: cookie)) }
        return Response(status: .seeOther, headers: headers)
    }

    /// A page that says what went wrong, in a sentence.
    static func problem(_ status: HTTPResponse.Status, _ title: String, _ detail: String, session: WebSession?) -> Response {
        page(
            title: title, session: session, status: status,
            body: """
                <h1>\(title)</h1><p role="alert" class="refusal">\(detail)</p><p><a href="/desk">Back to the escrows</a></p>
                """)
    }

    static let stylesheet = """
        :root{--ink:#1b1f24;--muted:#4a5560;--line:#c9d1d9;--accent:#0b4f8a;--bad:#a4161a;--good:#1d6b33;--warn:#7a4b00;--paper:#fff;--band:#f3f5f7}
        *{box-sizing:border-box}
        body{margin:0;font:16px/1.5 "Source Serif Pro",Georgia,"Times New Roman",serif;color:var(--ink);background:var(--paper)}
        main{max-width:72rem;margin:0 auto;padding:1rem 1.5rem 3rem}
        h1,h2,h3,.brand,nav,button,label,th,.who{font-family:"Source Sans Pro","Helvetica Neue",Arial,sans-serif}
        h1{font-size:1.7rem;margin:.5rem 0 1rem}h2{font-size:1.3rem;margin:2rem 0 .5rem;border-bottom:1px solid var(--line);padding-bottom:.25rem}
        h3{font-size:1.05rem;margin:1.2rem 0 .4rem}
        a{color:var(--accent)}a:focus,button:focus,input:focus,select:focus,textarea:focus{outline:3px solid #f2b705;outline-offset:1px}
        .skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:2}
        header.top{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;justify-content:space-between;background:#10243a;color:#fff;padding:.6rem 1.5rem}
        header.top a{color:#fff;margin-right:1rem}.brand{margin:0;font-weight:700;letter-spacing:.02em}
        .who{margin-right:.6rem}
        table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.95rem}
        caption{text-align:left;font-weight:600;padding:.3rem 0;font-family:"Source Sans Pro",Arial,sans-serif}
        th,td{border-bottom:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}
        th{background:var(--band);font-weight:600}
        td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        .hash{font-family:"Source Code Pro",Menlo,Consolas,monospace;font-size:.8rem;word-break:break-all}
        .ok{color:var(--good);font-weight:600}.bad{color:var(--bad);font-weight:600}.warn{color:var(--warn);font-weight:600}
        .refusal{color:var(--bad);font-weight:600}
        .notice{border-left:4px solid var(--good);background:#eef7f0;padding:.5rem .8rem}
        .alarm{border-left:4px solid var(--bad);background:#fbeeee;padding:.5rem .8rem}
        form.desk{border:1px solid var(--line);padding:.8rem 1rem;margin:1rem 0;max-width:40rem;background:var(--band)}
        form.desk fieldset{border:0;padding:0;margin:0}form.desk legend{font-weight:700;font-family:"Source Sans Pro",Arial,sans-serif;font-size:1.05rem}
        .field{margin:.6rem 0}.field label{display:block;font-weight:600}
        .field input,.field select,.field textarea{font:inherit;padding:.3rem .4rem;border:1px solid #6b7785;border-radius:2px;width:100%;max-width:28rem;background:#fff}
        .field .hint{color:var(--muted);font-size:.9rem;margin:.1rem 0}
        .field .error{color:var(--bad);font-weight:600;margin:.2rem 0}
        .field input[aria-invalid=true]{border:2px solid var(--bad)}
        button{font:inherit;font-weight:600;padding:.35rem .9rem;border:1px solid var(--accent);background:var(--accent);color:#fff;border-radius:2px;cursor:pointer}
        header.top button{background:transparent;border-color:#fff}
        button.reject{background:var(--bad);border-color:var(--bad)}.pager a{margin-left:.8rem}
        form.inline{display:inline}
        .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(13rem,1fr));gap:.8rem;margin:1rem 0}
        .card{border:1px solid var(--line);padding:.6rem .8rem}.card .label{color:var(--muted);font-size:.9rem;margin:0}.card .value{font-size:1.2rem;margin:0;font-variant-numeric:tabular-nums}
        figure{margin:1rem 0}figcaption{color:var(--muted);font-size:.9rem}
        svg text{font-family:"Source Sans Pro",Arial,sans-serif}
        .demo{background:#fff4d6;border-bottom:1px solid #e0c26b;padding:.5rem 1.5rem}
        footer{color:var(--muted);font-size:.85rem;max-width:72rem;margin:0 auto;padding:1rem 1.5rem;border-top:1px solid var(--line)}
        pre.signing{white-space:pre-wrap;background:var(--band);padding:.6rem;border:1px solid var(--line);font-size:.85rem}
        .clause{scroll-margin-top:1rem;margin:1rem 0}.clause:target{background:#fff4d6}
        @media print{header.top,nav,form,.skip,.demo,footer{display:none!important}body{font-size:11pt}main{max-width:none;padding:0}
        a{color:inherit;text-decoration:none}h2{break-after:avoid}tr,figure{break-inside:avoid}.signature-page{break-before:page}}
        """
}
