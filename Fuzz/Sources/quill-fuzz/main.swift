import CFuzzer
import Foundation

// quill-fuzz TARGET [libFuzzer options] [corpus folders…], or QUILL_FUZZ_TARGET=TARGET quill-fuzz …
// The target travels in the environment so that the processes libFuzzer starts itself (crash
// minimisation, -fork) fuzz the same one.
var arguments = CommandLine.arguments
if arguments.count > 1, arguments[1] == "--list" {
    for target in FuzzTarget.all { print("\(target.name)\t\(target.summary)") }
    exit(0)
}
if arguments.count > 1, FuzzTarget.named(arguments[1]) != nil {
    setenv(FuzzTarget.environmentKey, arguments[1], 1)
    arguments.remove(at: 1)
}
guard FuzzTarget.selected != nil else {
    let names = FuzzTarget.all.map(\.name).joined(separator: ", ")
    FileHandle.standardError.write(Data("usage: quill-fuzz TARGET [libFuzzer options] [corpus…]; TARGET is one of \(names) (--list describes them)\n".utf8))
    exit(2)
}
var argc = CInt(arguments.count)
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = .allocate(capacity: arguments.count + 1)
for (index, argument) in arguments.enumerated() { argv?[index] = strdup(argument) }
argv?[arguments.count] = nil
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzOneInput(data, size) })
