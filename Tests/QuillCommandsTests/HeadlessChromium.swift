import Foundation
import TestSupport
import Testing

/// A real browser for the HTML report: Debian's `chromium` in headless mode (installed by .ci/run).
enum HeadlessChromium {
    /// The browser's path, or nil when it is not installed here.
    static let path = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Whether the browser tests run: always on CI (where a missing browser fails them), elsewhere
    /// only when chromium is installed.
    static let isAvailable = path != nil || ProcessInfo.processInfo.environment["CI"] != nil

    /// Loads the file at `page` and runs chromium with `arguments` (`--dump-dom`, `--screenshot=…`).
    static func run(_ page: String, _ arguments: [String]) throws -> ProcessResult {
        let browser = try #require(path, "chromium is not installed; run .ci/run or apt-get install chromium")
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("quill-chromium-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: profile) }
        let result = try ProcessRunner.run(browser, [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions", "--user-data-dir=\(profile)",
        ] + arguments + [URL(fileURLWithPath: page).absoluteString])
        #expect(result.status == 0, "\(result.stderr)")
        return result
    }

    /// The DOM after the browser parsed the page, serialised.
    static func dom(_ page: String) throws -> String {
        try run(page, ["--dump-dom"]).stdout
    }

    /// A screenshot of the page at `width`×`height`, as PNG bytes.
    static func screenshot(_ page: String, width: Int, height: Int) throws -> Data {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("quill-shot-\(UUID().uuidString).png").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        _ = try run(page, ["--screenshot=\(file)", "--window-size=\(width),\(height)", "--hide-scrollbars"])
        return try Data(contentsOf: URL(fileURLWithPath: file))
    }

    /// What a PNG shows, read by Python's zlib (PNG filters undone): its size, the share of pixels
    /// that are not white, and how many pixels are close to each of `colours` (RGB).
    static func pixels(_ png: Data, colours: [(Int, Int, Int)]) throws -> (width: Int, height: Int, inked: Double, matches: [Int]) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("quill-png-\(UUID().uuidString).png").path
        try png.write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        let targets = colours.map { "\($0.0),\($0.1),\($0.2)" }.joined(separator: ";")
        let result = try ProcessRunner.run("/usr/bin/env", ["python3", "-c", pngReader, file, targets])
        #expect(result.status == 0, "\(result.stderr)")
        let numbers = result.output.split(separator: " ").map(String.init)
        let values = try #require(numbers.count >= 3 ? numbers : nil, "\(result.output)")
        return (Int(values[0]) ?? 0, Int(values[1]) ?? 0, Double(values[2]) ?? 0, values.dropFirst(3).map { Int($0) ?? 0 })
    }

    /// Decodes an 8-bit, non-interlaced RGB or RGBA PNG; prints `width height inked match…`.
    private static let pngReader = """
        import sys, struct, zlib
        data = open(sys.argv[1], 'rb').read()
        assert data[:8] == b'\\x89PNG\\r\\n\\x1a\\n'
        pos, idat, header = 8, b'', None
        while pos < len(data):
            length, kind = struct.unpack('>I4s', data[pos:pos + 8])
            body = data[pos + 8:pos + 8 + length]
            if kind == b'IHDR': header = struct.unpack('>IIBBBBB', body)
            if kind == b'IDAT': idat += body
            pos += 12 + length
        width, height, depth, colour, _, _, interlace = header
        assert depth == 8 and interlace == 0 and colour in (2, 6)
        channels = 3 if colour == 2 else 4
        raw, stride = zlib.decompress(idat), width * channels
        rows, previous, at = [], bytearray(stride), 0
        for _ in range(height):
            kind, line = raw[at], bytearray(raw[at + 1:at + 1 + stride])
            at += 1 + stride
            for i in range(stride):
                left = line[i - channels] if i >= channels else 0
                up, corner = previous[i], previous[i - channels] if i >= channels else 0
                if kind == 1: line[i] = (line[i] + left) & 255
                elif kind == 2: line[i] = (line[i] + up) & 255
                elif kind == 3: line[i] = (line[i] + (left + up) // 2) & 255
                elif kind == 4:
                    p = left + up - corner
                    pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                    line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
            rows.append(line)
            previous = line
        targets = [tuple(map(int, t.split(','))) for t in sys.argv[2].split(';') if t]
        inked, matches = 0, [0] * len(targets)
        for line in rows:
            for x in range(0, stride, channels):
                r, g, b = line[x], line[x + 1], line[x + 2]
                if r < 245 or g < 245 or b < 245: inked += 1
                for n, (tr, tg, tb) in enumerate(targets):
                    if abs(r - tr) + abs(g - tg) + abs(b - tb) < 40: matches[n] += 1
        print(width, height, inked / (width * height), *matches)
        """
}
