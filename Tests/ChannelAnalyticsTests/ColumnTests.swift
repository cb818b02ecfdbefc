import ChannelCore
import Testing

@testable import ChannelAnalytics

@Suite struct ColumnTests {
    @Test func appendsAcrossChunksAndReadsBack() {
        var column = Column<Int64>()
        let n = Column<Int64>.chunkSize * 2 + 17
        for i in 0..<n { column.append(Int64(i) * 3) }
        #expect(column.count == n)
        #expect(column.chunkCount == 3)
        #expect(column[0] == 0)
        #expect(column[n - 1] == Int64(n - 1) * 3)
        #expect(column.chunk(2).count == 17)
    }

    @Test func aCopyKeepsItsValuesWhileTheOriginalChanges() {
        var column = Column<Int32>()
        for i in 0..<(Column<Int32>.chunkSize + 5) { column.append(Int32(i)) }
        let before = column
        column[3] = -1
        column.append(99)
        #expect(before[3] == 3)
        #expect(before.count == Column<Int32>.chunkSize + 5)
        #expect(column[3] == -1)
        #expect(column[column.count - 1] == 99)
    }
}

@Suite struct CaseCodeTests {
    @Test func kernelLiteralsMatchTheEnums() {
        #expect(StatusCode.delivered == OrderStatus.delivered.caseCode)
        #expect(StatusCode.cancelled == OrderStatus.cancelled.caseCode)
        #expect(StatusCode.removed == OrderTable.removedStatus)
        #expect(ChannelCode.online == SalesChannel.online.caseCode)
        #expect(ChannelCode.offline == SalesChannel.offline.caseCode)
        for status in OrderStatus.allCases { #expect(OrderStatus(caseCode: status.caseCode) == status) }
    }
}
