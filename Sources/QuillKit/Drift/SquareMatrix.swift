/// A dense square matrix of doubles, row-major, for the Durbin matrix's powers.
struct SquareMatrix {
    let size: Int
    private var elements: [Double]

    init(size: Int) {
        self.size = size
        elements = [Double](repeating: 0, count: size * size)
    }

    static func identity(size: Int) -> SquareMatrix {
        var matrix = SquareMatrix(size: size)
        for index in 0..<size { matrix[index, index] = 1 }
        return matrix
    }

    subscript(row: Int, column: Int) -> Double {
        get { elements[row * size + column] }
        set { elements[row * size + column] = newValue }
    }

    mutating func scale(by factor: Double) {
        for index in elements.indices { elements[index] *= factor }
    }

    /// The product, in O(size³).
    static func * (left: SquareMatrix, right: SquareMatrix) -> SquareMatrix {
        var product = SquareMatrix(size: left.size)
        let n = left.size
        left.elements.withUnsafeBufferPointer { a in
            right.elements.withUnsafeBufferPointer { b in
                product.elements.withUnsafeMutableBufferPointer { c in
                    for row in 0..<n {
                        for inner in 0..<n {
                            let factor = a[row * n + inner]
                            if factor == 0 { continue }
                            for column in 0..<n { c[row * n + column] += factor * b[inner * n + column] }
                        }
                    }
                }
            }
        }
        return product
    }
}
