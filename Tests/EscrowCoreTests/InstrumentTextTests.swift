import EscrowCore
import Testing

/// How an instrument is named in requests and on the command line (1.4, 2.4, 2.12, 2.14).
@Suite("Instrument names")
struct InstrumentTextTests {
    @Test(
        "an instrument is release-notice or KIND:ID with a non-empty id, and reads back from its own text",
        arguments: [
            ("release-notice", Instrument.releaseNotice), ("amendment:A1", .amendment("A1")),
            ("successor-appointment:new-agent", .successorAppointment("new-agent")), ("settlement:h1", .settlement("h1")),
            ("amendment::", .amendment(":")),
            // A combining mark right after the colon must not hide it: the id starts with the mark.
            ("amendment:\u{301}x", .amendment("\u{301}x")), ("settlement:\u{1F3FB}", .settlement("\u{1F3FB}")),
        ] as [(String, Instrument)])
    func reads(_ text: String, _ expected: Instrument) {
        #expect(Instrument(text: text) == expected)
        #expect(Instrument(text: expected.description) == expected)
    }

    @Test(
        "anything else is no instrument",
        arguments: ["", "release-notice ", "amendment", "amendment:", ":A1", "notice:A1", "Amendment:A1"])
    func refuses(_ text: String) {
        #expect(Instrument(text: text) == nil)
    }
}
