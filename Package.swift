// swift-tools-version:6.1
// TMKit: translation-memory toolkit. The target graph is the architecture; arrows point one way:
//
//   ICUSystem, LibXMLSystem (pkg-config)  →  CICU, CLibXML (C shims)
//     →  TMKitText (languages, ICU in Swift, documents, readers, segmentation, XML, numbers)
//     →  TMKitGlossary  →  TMKitAlignment
//     →  TMKitFormats (TMX, XLIFF)  →  TMKitMemory (workspace database)
//     →  TMKitChecks  →  tmkit (the command)
import PackageDescription

let package = Package(
    name: "TMKit",
    products: [
        .executable(name: "tmkit", targets: ["tmkit"]),
        .library(name: "TMKit", targets: ["TMKitText", "TMKitGlossary", "TMKitAlignment", "TMKitFormats", "TMKitMemory", "TMKitChecks"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // System libraries, found with pkg-config. Only C shims depend on them.
        .systemLibrary(name: "ICUSystem", path: "Sources/ICUSystem", pkgConfig: "icu-i18n",
                       providers: [.apt(["libicu-dev"])]),
        .systemLibrary(name: "LibXMLSystem", path: "Sources/LibXMLSystem", pkgConfig: "libxml-2.0",
                       providers: [.apt(["libxml2-dev"])]),
        .target(name: "CICU", dependencies: ["ICUSystem"],
                linkerSettings: [.linkedLibrary("icui18n"), .linkedLibrary("icuuc"), .linkedLibrary("icudata")]),
        .target(name: "CLibXML", dependencies: ["LibXMLSystem"],
                linkerSettings: [.linkedLibrary("xml2")]),

        // Text layer. Its target path is the package root so that it can carry the shipped data
        // (Locales/, Glossary/) as resources: a build folder or an installed copy holds them beside
        // the binary. DataDirectory finds them without Bundle.module (which traps when missing).
        .target(
            name: "TMKitText", dependencies: ["CICU", "CLibXML"], path: ".",
            exclude: ["Package.swift", "README.md", ".swift-format", ".gitignore", ".ci", "Tests", "Benchmarks", "Samples"]
                + ["ICUSystem", "LibXMLSystem", "CICU", "CLibXML", "TMKitGlossary", "TMKitAlignment", "TMKitFormats",
                   "TMKitMemory", "TMKitChecks", "tmkit", "TMKitTestSupport"].map { "Sources/\($0)" },
            sources: ["Sources/TMKitText"],
            resources: [.copy("Locales"), .copy("Glossary")]),

        // Domain.
        .target(name: "TMKitGlossary", dependencies: ["TMKitText"]),
        .target(name: "TMKitAlignment", dependencies: ["TMKitText", "TMKitGlossary"]),
        .target(name: "TMKitFormats", dependencies: ["TMKitText"]),
        .target(name: "TMKitMemory", dependencies: [
            "TMKitText", "TMKitGlossary", "TMKitFormats", .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        .target(name: "TMKitChecks", dependencies: [
            "TMKitText", "TMKitGlossary", "TMKitAlignment", "TMKitFormats", "TMKitMemory",
        ]),

        // The command: parses arguments, calls the domain, prints.
        .executableTarget(name: "tmkit", dependencies: [
            "TMKitText", "TMKitGlossary", "TMKitAlignment", "TMKitFormats", "TMKitMemory", "TMKitChecks",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),

        // Finds ../shared (reference corpora and schemas) for tests and benchmarks.
        .target(name: "TMKitTestSupport", dependencies: ["TMKitText"], path: "Sources/TMKitTestSupport"),

        // Benchmarks: a separate executable, run in release mode (see Benchmarks/README.md).
        .executableTarget(name: "tmkit-bench", dependencies: [
            "CICU", "TMKitText", "TMKitGlossary", "TMKitAlignment", "TMKitFormats", "TMKitMemory", "TMKitChecks",
            "TMKitTestSupport",
        ], path: "Benchmarks/Sources/tmkit-bench"),

        .testTarget(name: "TMKitTextTests", dependencies: ["TMKitText", "TMKitTestSupport"]),
        .testTarget(name: "TMKitGlossaryTests", dependencies: ["TMKitGlossary", "TMKitMemory", "TMKitTestSupport"]),
        .testTarget(name: "TMKitAlignmentTests", dependencies: ["TMKitAlignment", "TMKitTestSupport"]),
        .testTarget(name: "TMKitFormatsTests", dependencies: ["TMKitFormats", "TMKitTestSupport"]),
        .testTarget(name: "TMKitMemoryTests", dependencies: ["TMKitMemory", "TMKitTestSupport"]),
        .testTarget(name: "TMKitChecksTests", dependencies: ["TMKitChecks", "TMKitTestSupport"]),
        .testTarget(name: "tmkitTests", dependencies: ["TMKitText", "tmkit", "TMKitTestSupport"]),
    ]
)
