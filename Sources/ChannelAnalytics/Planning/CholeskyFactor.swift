import Foundation

/// The Cholesky factor L of a symmetric positive definite matrix A = L·Lᵀ, used to solve A·x = b.
///
/// Dense and row-major; reconciliation only factors the small systems (n_aggregate or n_bottom square).
struct CholeskyFactor: Sendable {
    /// Why a matrix could not be factored: the first pivot that was not clearly positive.
    struct Failure: Error {
        let pivot: Int
    }

    let dimension: Int
    /// Lower triangle, row-major, dimension × dimension (the upper part is unused).
    private var lower: [Double]

    /// Factors `matrix` (row-major, dimension²); only its lower triangle is read.
    init(symmetric matrix: [Double], dimension: Int) throws(Failure) {
        self.dimension = dimension
        lower = matrix
        for j in 0..<dimension {
            let rowJ = j * dimension
            var diagonal = lower[rowJ + j]
            for k in 0..<j { diagonal -= lower[rowJ + k] * lower[rowJ + k] }
            // A relative floor: a pivot this small means A is singular up to rounding.
            guard diagonal.isFinite, diagonal > 1e-13 * max(abs(matrix[rowJ + j]), .leastNormalMagnitude) else {
                throw Failure(pivot: j)
            }
            let root = diagonal.squareRoot()
            lower[rowJ + j] = root
            for i in (j + 1)..<dimension {
                let rowI = i * dimension
                var sum = lower[rowI + j]
                for k in 0..<j { sum -= lower[rowI + k] * lower[rowJ + k] }
                lower[rowI + j] = sum / root
            }
        }
    }

    /// Solves A·x = b by forward substitution with L and back substitution with Lᵀ.
    func solve(_ b: [Double]) -> [Double] {
        var y = b
        for i in 0..<dimension {
            let row = i * dimension
            var sum = y[i]
            for k in 0..<i { sum -= lower[row + k] * y[k] }
            y[i] = sum / lower[row + i]
        }
        for i in stride(from: dimension - 1, through: 0, by: -1) {
            var sum = y[i]
            for k in (i + 1)..<dimension { sum -= lower[k * dimension + i] * y[k] }
            y[i] = sum / lower[i * dimension + i]
        }
        return y
    }
}
