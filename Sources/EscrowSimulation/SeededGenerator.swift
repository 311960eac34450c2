/// SplitMix64: a small, fast generator whose whole future is fixed by its seed, so a
/// simulation run is reproduced exactly from the seed it prints.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator that always yields the same numbers for the same seed.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `range`.
    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }

    /// True with probability `percent` in 100.
    mutating func chance(_ percent: Int) -> Bool { int(1...100) <= percent }

    /// 32 random bytes, base64: an Ed25519 private key derived from the seed.
    mutating func keyBase64() -> String {
        var bytes: [UInt8] = []
        for _ in 0..<4 { withUnsafeBytes(of: next()) { bytes.append(contentsOf: $0) } }
        return bytesBase64(bytes)
    }
}

/// Base64 without Foundation's `Data`, kept here so the generator file stands alone.
func bytesBase64(_ bytes: [UInt8]) -> String {
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
    var out = ""
    var index = 0
    while index < bytes.count {
        let b0 = bytes[index]
        let b1 = index + 1 < bytes.count ? bytes[index + 1] : 0
        let b2 = index + 2 < bytes.count ? bytes[index + 2] : 0
        out.append(alphabet[Int(b0 >> 2)])
        out.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
        out.append(index + 1 < bytes.count ? alphabet[Int((b1 & 0x0f) << 2 | b2 >> 6)] : "=")
        out.append(index + 2 < bytes.count ? alphabet[Int(b2 & 0x3f)] : "=")
        index += 3
    }
    return out
}
