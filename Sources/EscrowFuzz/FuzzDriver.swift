// libFuzzer targets (issue 11, item 3), built only by scripts/fuzz (ESCROW_FUZZ=1 adds this target
// to the package). One executable holds every target; ESCROW_FUZZ_TARGET picks one.
import EscrowCore
import EscrowStore
import Foundation

/// libFuzzer's driver, linked from `libclang_rt.fuzzer_no_main`.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

/// The target this process fuzzes, read once.
nonisolated(unsafe) var selectedTarget: FuzzTarget = .agreement

/// SwiftPM names an executable's entry point `<Target>_main`; libFuzzer brings no `main` of its own
/// here (`fuzzer_no_main`), so this is the process's entry, handing control to libFuzzer.
@_cdecl("EscrowFuzz_main")
func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    let name = ProcessInfo.processInfo.environment["ESCROW_FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
        let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
        FileHandle.standardError.write(Data("set ESCROW_FUZZ_TARGET to one of: \(names)\n".utf8))
        return 2
    }
    selectedTarget = target
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { bytes, count in
        let data = bytes.map { Data(bytes: $0, count: count) } ?? Data()
        selectedTarget.run(data)
        return 0
    }
}
