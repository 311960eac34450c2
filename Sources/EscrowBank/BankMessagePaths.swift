/// What an element of a bank message holds for the reader. Every element the reader takes
/// something from has one; all others are skipped with their content.
enum BankField: UInt8 {
    case structure
    case messageID
    case statement
    case statementID
    case accountID
    case balance
    case balanceType
    case balanceAmount
    case balanceDirection
    case balanceDate
    case entry
    case entryReference
    case entryServicerReference
    case entryAmount
    case entryDirection
    case entryStatus
    case entryBookingDate
    case batchTransactionCount
    case transaction
    case transactionAmount
    case transactionBookedAmount
    case transactionDirection
    case transactionServicerReference
    case endToEndID
    case remittance
    case debtorName
    case creditorName
    case debtorAccount
    case creditorAccount
    case returnReason
    case originalMessageID
    case groupStatus
    case groupReason
    case statusTransaction
    case originalEndToEndID
    case transactionStatus
    case transactionReason
}

/// The elements read, as a tree of local names from the message element down: one table
/// for every version and for statements, notifications and reports alike. The message element
/// (`BkToCstmrStmt`, `CstmrPmtStsRpt`, …) may have any name; `Stmt`, `Ntfctn` and `Rpt` are the
/// same node. Walking it costs a comparison of a few short names per element, and an element
/// outside it is skipped with everything inside it.
struct BankMessagePaths {
    /// A node of the tree.
    struct Node {
        var field: BankField
        var children: [(name: [UInt8], node: Int)] = []
        /// The node any child name leads to, when there is one (the message element).
        var anyChild: Int?
    }

    /// The node of an element the reader skips, with everything inside it.
    static let skipped = -1
    /// The node above `Document`.
    static let top = 0

    private(set) var nodes: [Node] = [Node(field: .structure)]

    /// The tree of every element read.
    static let shared = BankMessagePaths()

    private init() {
        let document = add("Document", under: Self.top, .structure)
        let message = nodes.count
        nodes.append(Node(field: .structure))
        nodes[document].anyChild = message
        add(["GrpHdr", "MsgId"], under: message, .messageID)

        let statement = add("Stmt", under: message, .statement)
        nodes[message].children.append((Array("Ntfctn".utf8), statement))
        nodes[message].children.append((Array("Rpt".utf8), statement))
        add(["Id"], under: statement, .statementID)
        add(["Acct", "Id", "IBAN"], under: statement, .accountID)
        add(["Acct", "Id", "Othr", "Id"], under: statement, .accountID)
        let balance = add("Bal", under: statement, .balance)
        add(["Tp", "CdOrPrtry", "Cd"], under: balance, .balanceType)
        add(["Amt"], under: balance, .balanceAmount)
        add(["CdtDbtInd"], under: balance, .balanceDirection)
        add(["Dt", "Dt"], under: balance, .balanceDate)

        let entry = add("Ntry", under: statement, .entry)
        add(["NtryRef"], under: entry, .entryReference)
        add(["AcctSvcrRef"], under: entry, .entryServicerReference)
        add(["Amt"], under: entry, .entryAmount)
        add(["CdtDbtInd"], under: entry, .entryDirection)
        // camt.0xx.001.08 writes the status as <Sts><Cd>, .02 as the text of <Sts>.
        let status = add("Sts", under: entry, .entryStatus)
        add(["Cd"], under: status, .entryStatus)
        add(["BookgDt", "Dt"], under: entry, .entryBookingDate)
        add(["NtryDtls", "Btch", "NbOfTxs"], under: entry, .batchTransactionCount)

        let transaction = add(["NtryDtls", "TxDtls"], under: entry, .transaction)
        add(["Amt"], under: transaction, .transactionAmount)
        add(["AmtDtls", "TxAmt", "Amt"], under: transaction, .transactionBookedAmount)
        add(["CdtDbtInd"], under: transaction, .transactionDirection)
        add(["Refs", "AcctSvcrRef"], under: transaction, .transactionServicerReference)
        add(["Refs", "EndToEndId"], under: transaction, .endToEndID)
        add(["RmtInf", "Ustrd"], under: transaction, .remittance)
        add(["RmtInf", "Strd", "CdtrRefInf", "Ref"], under: transaction, .remittance)
        add(["RltdPties", "Dbtr", "Pty", "Nm"], under: transaction, .debtorName)
        add(["RltdPties", "Dbtr", "Nm"], under: transaction, .debtorName)
        add(["RltdPties", "Cdtr", "Pty", "Nm"], under: transaction, .creditorName)
        add(["RltdPties", "Cdtr", "Nm"], under: transaction, .creditorName)
        add(["RltdPties", "DbtrAcct", "Id", "IBAN"], under: transaction, .debtorAccount)
        add(["RltdPties", "DbtrAcct", "Id", "Othr", "Id"], under: transaction, .debtorAccount)
        add(["RltdPties", "CdtrAcct", "Id", "IBAN"], under: transaction, .creditorAccount)
        add(["RltdPties", "CdtrAcct", "Id", "Othr", "Id"], under: transaction, .creditorAccount)
        add(["RtrInf", "Rsn", "Cd"], under: transaction, .returnReason)

        let group = add("OrgnlGrpInfAndSts", under: message, .structure)
        add(["OrgnlMsgId"], under: group, .originalMessageID)
        add(["GrpSts"], under: group, .groupStatus)
        add(["StsRsnInf", "Rsn", "Cd"], under: group, .groupReason)
        let statusTransaction = add(["OrgnlPmtInfAndSts", "TxInfAndSts"], under: message, .statusTransaction)
        add(["OrgnlEndToEndId"], under: statusTransaction, .originalEndToEndID)
        add(["TxSts"], under: statusTransaction, .transactionStatus)
        add(["StsRsnInf", "Rsn", "Cd"], under: statusTransaction, .transactionReason)
    }

    /// Adds (or finds) the path `names` below `parent`; the last element gets `field`.
    @discardableResult
    private mutating func add(_ names: [String], under parent: Int, _ field: BankField) -> Int {
        var node = parent
        for (offset, name) in names.enumerated() {
            let bytes = Array(name.utf8)
            if let existing = nodes[node].children.first(where: { $0.name == bytes }) {
                node = existing.node
                if offset == names.count - 1 { nodes[node].field = field }
            } else {
                let child = nodes.count
                nodes.append(Node(field: offset == names.count - 1 ? field : .structure))
                nodes[node].children.append((bytes, child))
                node = child
            }
        }
        return node
    }

    @discardableResult
    private mutating func add(_ name: String, under parent: Int, _ field: BankField) -> Int {
        add([name], under: parent, field)
    }

    /// The node of the child element named by `bytes[name]` (its local name) under `parent`.
    func child(of parent: Int, named name: Range<Int>, in bytes: [UInt8]) -> Int {
        guard parent != Self.skipped else { return Self.skipped }
        let length = name.count
        for index in nodes[parent].children.indices where nodes[parent].children[index].name.count == length {
            var same = true
            var offset = name.lowerBound
            for byte in nodes[parent].children[index].name {
                if bytes[offset] != byte {
                    same = false
                    break
                }
                offset += 1
            }
            if same { return nodes[parent].children[index].node }
        }
        return nodes[parent].anyChild ?? Self.skipped
    }

    /// What element `node` holds; `.structure` for a skipped one.
    func field(_ node: Int) -> BankField {
        node == Self.skipped ? .structure : nodes[node].field
    }
}
