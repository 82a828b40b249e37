// swift-tools-version:6.0
import PackageDescription

/// libgit2 and the libraries only it calls, linked from the static archives that libgit2-dev and
/// its dependencies install (Debian's libgit2 1.5 is built with mbedTLS, libssh2 and so OpenSSL's
/// libcrypto, http-parser and PCRE2). As eight shared libraries they cost every command about 3 ms
/// of CPU at start, mostly the dynamic loader binding libcrypto's 3,400 symbols and faulting in the
/// pages it writes; from archives the linker resolves what Quill calls once. GSSAPI, which has no
/// archive, and libssh2 with libcrypto, whose data every start relocated (0.4 MB resident),
/// CDeferredConnectionSetup loads on first use. `--wrap` hands it libgit2's calls that parse the CA
/// certificates, seed TLS's random generator and start libssh2.
let libgit2Archives: [LinkerSetting] = [
    .unsafeFlags(
        ["libgit2", "libmbedtls", "libmbedx509", "libmbedcrypto", "libhttp_parser", "libpcre2-8"]
            .flatMap { ["-Xlinker", "-l:\($0).a"] }
            + ["mbedtls_x509_crt_parse_file", "mbedtls_x509_crt_parse_path", "mbedtls_entropy_init", "mbedtls_ctr_drbg_seed", "libssh2_init"]
            .flatMap { ["-Xlinker", "--wrap=\($0)"] }
    )
]

/// Release builds of Quill's own modules put each function in a section of its own, so that the
/// linker can place the functions the common commands run together (`hotCodeFirst`) rather than
/// whole source files. A package's settings reach only its own modules: `scripts/build/release-build`
/// gives the flag to the dependencies.
let functionSections: [SwiftSetting] = [.unsafeFlags(["-Xfrontend", "-function-sections"], .when(configuration: .release))]

/// How a release executable is linked, for the memory it holds once started. The kernel maps a
/// file's pages 64 KiB at a time around each page a process first touches, so the code a command
/// runs costs resident memory by how far apart its functions lie: `quill log P` ran 0.8 MB of code
/// spread over 12.4 MB of pages. lld (gold, the default, can do neither) places the functions listed
/// in `Sources/quill/symbol-order.txt` (`scripts/build/symbol-order.sh` records them) first, and
/// packs the executable's 115,000 relative relocations (`-z pack-relative-relocs`: DT_RELR, read by
/// glibc 2.36 on) into 25 KB where `.rela.dyn` took 2.7 MB, all of it read at each start. Together:
/// `quill --version` 16.6 → 10.7 MB resident, `quill log P` 44.5 → 35.5 MB. The linker moves
/// sections, not functions: `scripts/build/release-build` compiles every module, the dependencies'
/// too, with a section per function, and `Sources/quill/gathered-functions.ld` gathers the functions
/// the order cannot place (no symbol names them, or several files define the name): `quill log P` on
/// `large-files.sh`'s CSV shape 21.6 → 19.7 MB (code resident at its peak 6.1 → 3.9 MB).
let hotCodeFirst: [LinkerSetting] = [
    .unsafeFlags(
        ["-use-ld=lld"]
            + [
                "-z", "pack-relative-relocs", "--symbol-ordering-file=\(Context.packageDirectory)/Sources/quill/symbol-order.txt",
                "--no-warn-symbol-ordering", "-T", "\(Context.packageDirectory)/Sources/quill/gathered-functions.ld",
            ]
            .flatMap { ["-Xlinker", $0] },
        .when(configuration: .release)
    )
]

/// How a release executable takes the C and C++ libraries the Swift runtime and Quill's
/// dependencies name as shared (libstdc++ for ICU and TOMLKit, SQLite for GRDB, zstd, libdeflate,
/// zlib, and libgcc's unwinder): from their static archives, through `scripts/build/lld-archives`,
/// which hands lld the archives in their place. As six shared libraries they cost every start the
/// dynamic loader's binding and relocating each and the kernel mapping 64 KiB of it around every
/// page touched: `quill --version` 4.4 → 3.5 ms of CPU and 10.5 → 8.7 MB resident, `quill log P`
/// on `large-files.sh`'s CSV shape 24.7 → 23.4 MB.
let sharedLibrariesFromArchives: [LinkerSetting] = [
    .unsafeFlags(
        ["-ld-path=\(Context.packageDirectory)/scripts/build/lld-archives", "-Xclang-linker", "-static-libgcc"],
        .when(configuration: .release)
    )
]

let package = Package(
    name: "Quill",
    products: [
        .executable(name: "quill", targets: ["quill"]),
        .library(name: "QuillKit", targets: ["QuillKit"]),
        .library(name: "GitKit", targets: ["GitKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // Linked from archives by CDeferredConnectionSetup's settings, not as libgit2.so: no pkgConfig.
        .systemLibrary(name: "CLibGit2", providers: [.apt(["libgit2-dev"])]),
        .systemLibrary(
            name: "CLibDeflate",
            pkgConfig: "libdeflate",
            providers: [.apt(["libdeflate-dev"])]
        ),
        .systemLibrary(
            name: "CZstd",
            pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"])]
        ),
        .target(name: "CDeferredConnectionSetup", dependencies: ["CLibGit2"], linkerSettings: libgit2Archives),
        .target(
            name: "GitKit", dependencies: ["CLibGit2", "CDeferredConnectionSetup", "CLibDeflate", "CZstd"],
            swiftSettings: functionSections
        ),
        .target(
            name: "QuillKit",
            dependencies: [
                "GitKit", "Yams", .product(name: "Mustache", package: "swift-mustache"), "TOMLKit", "SwiftCSV", "ZIPFoundation",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: functionSections
        ),
        .target(
            name: "QuillCommands",
            dependencies: [
                "QuillKit", .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            swiftSettings: functionSections
        ),
        // Nothing looks up the executable's own symbols, so release builds leave them out of its
        // dynamic symbol table (`--static-swift-stdlib` exports 13,000), which the runtime's start-up
        // `dladdr` scans (0.4 ms). The executable stays position-independent: it holds libgit2 and the
        // libraries that parse what remotes send, and a fixed address (0.8 ms of relocations saved)
        // would hand an attacker their code's addresses. Debug builds are left as they were.
        .executableTarget(
            name: "quill", dependencies: ["QuillCommands"], exclude: ["symbol-order.txt", "gathered-functions.ld"],
            swiftSettings: functionSections,
            linkerSettings: [
                .unsafeFlags(["-Xlinker", "--no-export-dynamic"], .when(configuration: .release))
            ] + hotCodeFirst + sharedLibrariesFromArchives
        ),
        .target(name: "TestSupport", dependencies: ["GitKit", "QuillKit"]),
        .executableTarget(name: "AttributionBench", dependencies: ["QuillKit", "TestSupport"]),
        .testTarget(name: "GitKitTests", dependencies: ["GitKit", "TestSupport"]),
        .testTarget(name: "QuillKitTests", dependencies: ["QuillKit", "GitKit", "TestSupport", "ZIPFoundation", "TOMLKit", "Yams"]),
        .testTarget(name: "QuillCommandsTests", dependencies: ["QuillCommands", "GitKit", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["quill", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
