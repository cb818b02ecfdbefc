import Foundation
import Testing

@testable import ChannelImport

struct TextThroughputTests {
    /// Reads a 200k-line order-lines file end to end (a smoke test of the fast path, not a timed assertion).
    @Test func readsTwoHundredThousandLines() throws {
        let folder = try TextTestFolder()
        var text = "order_id,line_no,sku,qty,unit_price,discount_rate,returned_qty\n"
        text.reserveCapacity(9_000_000)
        for index in 1...200_000 {
            let id = String(index)
            text += "SO" + String(repeating: "0", count: 9 - id.count) + id
            text += ",\(index % 5 + 1),SKU\(index % 2_000),\(index % 97),35.10,0.00,0\n"
        }
        let url = try folder.file(text)
        var reader = try CSVReader(url: url)
        #expect(reader.header.count == 7)
        var records = 0
        var lastLine = 0
        var quantitySum = 0
        while let batch = try reader.nextBatch() {
            #expect(batch.errors.isEmpty)
            for record in 0..<batch.count {
                quantitySum += batch.withField(record, 3) { field -> Int in
                    var value = 0
                    for byte in field { value = value * 10 + Int(byte) - 48 }
                    return value
                }
            }
            if records == 0 {
                #expect(batch.string(0, 0) == "SO000000001")
                #expect(batch.string(0, 4) == "35.10")
                #expect(batch.line(0) == 2)
            }
            records += batch.count
            lastLine = batch.line(batch.count - 1)
        }
        #expect(records == 200_000)
        #expect(lastLine == 200_001)
        var expectedSum = 0
        for index in 1...200_000 { expectedSum += index % 97 }
        #expect(quantitySum == expectedSum)
        #expect(reader.bytesRead == Int64(text.utf8.count))
    }
}
