import Foundation

/// A git folder of this process's own in the temporary folder, for readers that take their input
/// from files (`objects/pack/`, `objects/info/`); each input overwrites the files of the last.
enum ScratchGitFolder {
    static let path: String = {
        let path = NSTemporaryDirectory() + "/quill-fuzz-\(getpid())/.git"
        for folder in ["objects/pack", "objects/info"] {
            try! FileManager.default.createDirectory(atPath: path + "/" + folder, withIntermediateDirectories: true)
        }
        return path
    }()

    static func write(_ bytes: [UInt8], to relativePath: String) {
        try! Data(bytes).write(to: URL(fileURLWithPath: path + "/" + relativePath))
    }
}
