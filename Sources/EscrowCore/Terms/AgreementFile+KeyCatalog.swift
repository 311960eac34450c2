extension AgreementFileReader {
    /// A field path with its list indices dropped: `subscriptions[2].amount` is
    /// `subscriptions[].amount`, the form schema paths take.
    static func pattern(of path: String) -> String {
        var result = ""
        var inIndex = false
        for character in path {
            if character == "[" {
                inIndex = true
                result.append("[")
            } else if character == "]" {
                inIndex = false
                result.append("]")
            } else if !inIndex {
                result.append(character)
            }
        }
        return result
    }
}
