public import EscrowCore

/// The reference agreement's terms, read from the library's copy of
/// `examples/roo-group-2005.yaml`.
public let referenceTerms: AgreementTerms = {
    do { return try AgreementFile.parse(ReferenceAgreement.yaml, sourceName: "reference") } catch {
        preconditionFailure("the reference agreement does not parse: \(error)")
    }
}()
