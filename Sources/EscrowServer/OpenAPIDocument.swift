import Foundation
import Hummingbird

/// The OpenAPI 3.1 description of every route, served at `/openapi.json`.
///
/// The document is the package resource `Sources/EscrowServer/Resources/openapi.json`, its only
/// copy in the repository. SwiftPM puts it in the `escrow_EscrowServer.resources` bundle beside
/// the `escrow` executable, where `Bundle.module` finds it whatever the working directory. A test
/// checks every registered route against it, and `scripts/test-api` checks the running server's
/// answers against it.
enum OpenAPIDocument {
    /// The document as served, read once; nil when the resource bundle is missing from the
    /// installation (the executable was copied without the bundle beside it).
    static let body: ByteBuffer? = {
        guard let url = Bundle.module.url(forResource: "openapi", withExtension: "json"),
            let data = try? Data(contentsOf: url)
        else { return nil }
        return ByteBuffer(bytes: data)
    }()

    /// Where a missing document is looked for, named in the log and in the problem answered.
    static let missing = "the OpenAPI document (openapi.json in the escrow_EscrowServer.resources bundle beside the executable) is missing"
}
