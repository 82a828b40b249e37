import Foundation

/// One side of an xdiff run (git's `xdfile_t`): the lines of a text up to `count`, and which of
/// them the diff marks as changed.
final class XdiffSide {
    let bytes: UnsafeRawPointer
    let table: LineTable
    /// Lines taken part in the diff (git's `nrec`): those before the common tail git cuts off.
    let count: Int
    /// `changed[i + 1]` tells whether line `i` is changed; the first and last entries stay false,
    /// so scans stop at either end without a bound check (git's `rchg` with its guard cells).
    var changed: [Bool]

    init(bytes: UnsafeRawPointer, table: LineTable, count: Int) {
        self.bytes = bytes
        self.table = table
        self.count = count
        changed = [Bool](repeating: false, count: count + 2)
    }

    /// Whether line `line` is changed; false for the guard lines -1 and `count` and beyond.
    @inline(__always) func isChanged(_ line: Int) -> Bool { line >= -1 && line <= count ? changed[line + 1] : false }
    @inline(__always) func mark(_ line: Int, _ value: Bool) { changed[line + 1] = value }

    /// Whether line `line` here and line `other` of `side` have the same bytes (git's class equality).
    @inline(__always) func matches(_ line: Int, _ side: XdiffSide, _ other: Int) -> Bool {
        guard table.hashes[line] == side.table.hashes[other] else { return false }
        let start = table.start(line)
        let otherStart = side.table.start(other)
        let length = Int(table.ends[line]) - start
        return length == Int(side.table.ends[other]) - otherStart && memcmp(bytes + start, side.bytes + otherStart, length) == 0
    }

    /// The indentation of line `line`, tabs to multiples of 8, capped at 200; -1 for a blank line
    /// (git's `get_indent`, with git's white space: space, tab, newline, carriage return).
    func indent(_ line: Int) -> Int {
        var indent = 0
        for offset in table.start(line)..<Int(table.ends[line]) {
            switch bytes.load(fromByteOffset: offset, as: UInt8.self) {
            case 0x20: indent += 1
            case 0x09: indent += 8 - indent % 8
            case 0x0A, 0x0D: break
            default: return indent
            }
            if indent >= 200 { return 200 }
        }
        return -1
    }
}
