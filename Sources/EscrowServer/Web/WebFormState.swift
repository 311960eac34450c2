import EscrowCore

/// A form sent back to the page it came from: what was typed, and the reason (with its
/// clause) next to each field that was refused.
struct WebFormState: Sendable {
    /// Which form on the page: `deposit`, `document`, `hold`, `sign`, `attest`, `approve`.
    var form: String
    var values: [String: String]
    /// Field name to the sentence shown beside it; `""` is the form as a whole.
    var errors: [String: String] = [:]

    func value(_ name: String, in form: String) -> String { self.form == form ? values[name] ?? "" : "" }
    func error(_ name: String, in form: String) -> String? { self.form == form ? errors[name] : nil }
}

/// A refusal as a form shows it: the sentence, the clause and the field it is about.
struct WebRefusal: Error, Sendable {
    var message: String
    var clause: String?
    var field: String?

    var sentence: String { clause.map { "\(message) (\($0))" } ?? message }

    /// The form field a refusal of the agreement is about, by the field its cause names.
    static func field(of refusal: EscrowRefusal, names: [EscrowRefusal.Field: String]) -> String? {
        let field: EscrowRefusal.Field?
        switch refusal.cause {
        case .notAParty(_, let named): field = named
        case .textEmpty(let f), .textTooLong(let f), .amountNotPositive(let f), .hashMalformed(let f): field = f
        case .amountInOtherCurrency(let f, _, _), .amountAboveCeiling(let f, _), .dateOutsideCalendar(let f, _): field = f
        case .bankReferenceReused: field = .bankReference
        case .depositsAboveCeiling: field = .depositAmount
        default: field = nil
        }
        return field.flatMap { names[$0] }
    }
}

/// One form field: label, input, hint, and the refusal beside it, wired for screen readers.
enum WebField {
    static func input(
        _ form: String, _ name: String, label: String, type: String = "text", hint: String? = nil, state: WebFormState?,
        required: Bool = true, extra: String = ""
    ) -> HTML {
        let id = "\(form)-\(name)"
        let error = state?.error(name, in: form)
        var described: [String] = []
        if hint != nil { described.append("\(id)-hint") }
        if error != nil { described.append("\(id)-error") }
        let value = type == "file" || type == "password" ? "" : state?.value(name, in: form) ?? ""
        let aria = described.isEmpty ? "" : " aria-describedby=\"\(described.joined(separator: " "))\""
        var markup = "<div class=\"field\"><label for=\"\(id)\">\(HTML.escape(label))</label>"
        if let hint { markup += "<p class=\"hint\" id=\"\(id)-hint\">\(HTML.escape(hint))</p>" }
        if let error { markup += "<p class=\"error\" id=\"\(id)-error\">\(HTML.escape(error))</p>" }
        markup += "<input id=\"\(id)\" name=\"\(name)\" type=\"\(type)\" value=\"\(HTML.escape(value))\""
        if required { markup += " required" }
        if error != nil { markup += " aria-invalid=\"true\"" }
        markup += aria + extra + "></div>"
        return HTML(markup: markup)
    }

    static func select(_ form: String, _ name: String, label: String, options: [(value: String, label: String)], state: WebFormState?) -> HTML {
        let id = "\(form)-\(name)"
        let chosen = state?.value(name, in: form) ?? ""
        let error = state?.error(name, in: form)
        var markup = "<div class=\"field\"><label for=\"\(id)\">\(HTML.escape(label))</label>"
        if let error { markup += "<p class=\"error\" id=\"\(id)-error\">\(HTML.escape(error))</p>" }
        markup += "<select id=\"\(id)\" name=\"\(name)\""
        if error != nil { markup += " aria-invalid=\"true\" aria-describedby=\"\(id)-error\"" }
        markup += ">"
        for option in options {
            markup += "<option value=\"\(HTML.escape(option.value))\"\(option.value == chosen ? " selected" : "")>\(HTML.escape(option.label))</option>"
        }
        return HTML(markup: markup + "</select></div>")
    }

    /// The refusal that concerns the form as a whole, announced when the page loads.
    static func formError(_ form: String, state: WebFormState?) -> HTML {
        guard let error = state?.error("", in: form) else { return "" }
        return "<p class=\"refusal\" id=\"\(form)-error\">\(error)</p>"
    }
}
