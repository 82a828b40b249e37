import Foundation

/// A Chroma record's embedding as Chroma returns it (`collection.get(include=["embeddings"])`), so a
/// record has the same checksum whether its vector is still in the write-ahead queue or already in
/// the HNSW files.
///
/// In `l2` and `ip` space that is the vector as written. In `cosine` space hnswlib stores the vector
/// normalised and its length beside it, and returns each value times that length: float32
/// arithmetic whose result can differ from the vector written in the last bit. A queued vector is
/// taken through the same steps (hnswlib's `normalize_vector`: the sum of squares in order, the
/// square root, `1 / (length + 1e-30)`, each value times it, then times the length).
enum ChromaEmbedding {
    /// The checksum of a vector read from the queue: `bytes` little-endian float32.
    static func checksum(queued bytes: Data, cosine: Bool) throws -> String {
        guard cosine else { return try EmbeddingChecksum.of(float32: bytes) }
        let values = floats(bytes)
        var sum: Float = 0
        for value in values { sum += value * value }
        let length = sum.squareRoot()
        let inverse = 1 / (length + 1e-30)
        return try EmbeddingChecksum.of(floats: values.map { $0 * inverse * length })
    }

    /// The checksum of a vector read from the HNSW files: stored values times the stored length in cosine space.
    static func checksum(stored bytes: Data, length: Float?) throws -> String {
        guard let length else { return try EmbeddingChecksum.of(float32: bytes) }
        return try EmbeddingChecksum.of(floats: floats(bytes).map { $0 * length })
    }

    /// The little-endian float32 at `index` of `bytes`.
    static func float(_ bytes: Data, at index: Int) -> Float {
        Float(bitPattern: UInt32(bytes[index]) | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2]) << 16 | UInt32(bytes[index + 3]) << 24)
    }

    private static func floats(_ bytes: Data) -> [Float] {
        stride(from: bytes.startIndex, to: bytes.endIndex - 3, by: 4).map { float(bytes, at: $0) }
    }
}
