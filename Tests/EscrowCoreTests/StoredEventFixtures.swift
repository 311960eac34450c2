/// Event payloads as earlier builds stored them, with what each build printed for them. The
/// first three were stored before payees had kinds and agreements numbered their own clauses,
/// recorded from three runs of the
/// reference deal: a release (an excess wire, an unknown sender, counsel costs, a partial hold
/// lifted by settlement, a desk control, a late wire, a notice), a refund (counsel costs and an
/// unknown sender, then a second wire from that sender refunded again) and a court order to pay
/// a party and an outsider. Never edit these: they are what stored logs hold.
enum StoredEventFixtures {
    /// One stored event: its type and its payload bytes, as text.
    struct Stored {
        var type: String
        var payload: String
    }

    /// The release log.
    static let release: [Stored] = [
        Stored(type: "opened", payload: ##"{"at":1124456400000,"escrowID":"roo-group-2005","terms":{"calendar":{"extraClosures":[],"timeZoneIdentifier":"America/New_York"},"conditions":[{"clause":"1.2","from":[],"id":"subscription-funds","kind":"subscriptionFunds","title":"Aggregate subscription amounts in the master escrow account"},{"clause":"1.2","from":[{"party":{"_0":"nir-group"}}],"id":"nir-waiver","kind":"document","title":"NIR Waiver (Exhibit B)"},{"clause":"1.2","from":[{"party":{"_0":"company"}},{"everyPurchaser":{}}],"id":"counterpart-signature-pages","kind":"counterparts","title":"Counterpart signature pages of the Transaction Documents"},{"clause":"1.2","from":[{"party":{"_0":"company"}}],"id":"closing-documents","kind":"document","title":"Closing documents required under Article IV of the Purchase Agreement"}],"currency":"USD","dated":"2005-08-19","depositInstructions":{"accountName":"Kramer Levin Naftalis & Frankel LLP IOLA Account","accountNumber":"37317968","bank":"Citibank, N.A.","bankAddress":"666 Fifth Avenue, New York, NY 10103","reference":"Roo Group, Inc.","routingNumber":"021000089"},"disbursement":{"fixedPayments":[{"amount":{"amountMinorUnits":1500000,"currency":"USD"},"clause":"1.5","payee":"escrow-agent","purpose":"Payment to Kramer Levin Naftalis & Frankel LLP out of the proceeds"},{"amount":{"amountMinorUnits":4850000,"currency":"USD"},"clause":"1.5","payee":"sichenzia","purpose":"Payment to Sichenzia Ross Friedman Ference LLP out of the proceeds"},{"amount":{"amountMinorUnits":52000000,"currency":"USD"},"clause":"1.5","payee":"burnham-hill","purpose":"Placement agent fee"}],"remainderClause":"1.6","remainderPayee":"company"},"id":"roo-group-2005","offering":{"pricePerShare":{"amountMinorUnits":3,"currency":"USD"},"security":"Common stock of ROO Group, Inc., par value $.0001 per share","shares":266666666,"total":{"amountMinorUnits":799999998,"currency":"USD"}},"parties":[{"id":"company","name":"ROO Group, Inc.","role":"company"},{"address":"1177 Avenue of the Americas, New York, New York 10036","id":"escrow-agent","name":"Kramer Levin Naftalis & Frankel LLP","role":"escrowAgent"},{"id":"sichenzia","name":"Sichenzia Ross Friedman Ference LLP","role":"feePayee"},{"id":"burnham-hill","name":"Burnham Hill Partners, a division of Pali Capital, Inc.","role":"feePayee"},{"id":"nir-group","name":"NIR Group","role":"thirdParty"},{"id":"purchaser-1","name":"Purchaser 1","role":"purchaser"},{"id":"purchaser-2","name":"Purchaser 2","role":"purchaser"},{"id":"purchaser-3","name":"Purchaser 3","role":"purchaser"},{"id":"purchaser-4","name":"Purchaser 4","role":"purchaser"}],"refund":{"businessDaysAfterAgreementDate":10,"clause":"1.7","unlessCondition":"nir-waiver"},"releaseInstrument":{"clause":"1.4, Exhibit A","signers":[{"party":{"_0":"company"}},{"everyPurchaser":{}}],"text":"The UNDERSIGNED, pursuant to the Escrow Agreement, dated as of August 19, 2005 among the Company, the Purchasers signatory thereto and Kramer Levin Naftalis & Frankel LLP, as Escrow Agent (the \"Escrow Agreement\"; capitalized terms used herein and not defined shall have the meaning ascribed to such terms in the Escrow Agreement), hereby notify the Escrow Agent that each of the conditions precedent to the purchase and sale of the Shares have been satisfied. The Company hereby confirms that all of its respective representations and warranties contained in the Purchase Agreement remain true and correct and authorize the release by the Escrow Agent of the funds to be released as described in the Escrow Agreement. This Release Notice shall not be effective until executed by the Company and the Purchasers.\nThis Release Notice may be signed in one or more counterparts, each of which shall be deemed an original.","title":"Release Notice"},"subscriptions":[{"amount":{"amountMinorUnits":300000000,"currency":"USD"},"purchaser":"purchaser-1","shares":100000000},{"amount":{"amountMinorUnits":249999999,"currency":"USD"},"purchaser":"purchaser-2","shares":83333333},{"amount":{"amountMinorUnits":150000000,"currency":"USD"},"purchaser":"purchaser-3","shares":50000000},{"amount":{"amountMinorUnits":99999999,"currency":"USD"},"purchaser":"purchaser-4","shares":33333333}],"title":"Escrow Agreement"},"termsSHA256":"c8f25e3652230868fc7b8ab3ffa8631fb8e95c5108e87220371a1f6339589694"}"##),
        Stored(type: "keyRegistered", payload: ##"{"at":1124460000000,"party":"company","publicKeyBase64":"DwFocSSJgrcIPJV/gHwZz6a3TFEV7vB6BUfpEY9kfSg="}"##),
        Stored(type: "keyRegistered", payload: ##"{"at":1124460000000,"party":"purchaser-1","publicKeyBase64":"6YmzDpT5MrUseHdjoeKwLmg2u6ql647VDEdpBbXFo7I="}"##),
        Stored(type: "keyRegistered", payload: ##"{"at":1124460000000,"party":"purchaser-2","publicKeyBase64":"fu6XDRUQKcEahYWk2PbNWS2bk549KLMAEQqh45AifQc="}"##),
        Stored(type: "keyRegistered", payload: ##"{"at":1124460000000,"party":"purchaser-3","publicKeyBase64":"fNP/XFnhAaTg35tABbvkmOT4wlruuHtCRFblVsdM4zk="}"##),
        Stored(type: "keyRegistered", payload: ##"{"at":1124460000000,"party":"purchaser-4","publicKeyBase64":"YV1BEPMUx8fA51jE5OAHVfPGsutmgR4evJZQ4xwdvX8="}"##),
        Stored(type: "keyRegistered", payload: ##"{"at":1124460000000,"party":"escrow-agent","publicKeyBase64":"iH0PuTXo8+SG2voqQk0lpPSLuVeDnVxTdq6FkvzXm+k="}"##),
        Stored(type: "depositReceived", payload: ##"{"amount":{"amountMinorUnits":300000000,"currency":"USD"},"at":1124722800000,"bankReference":"FW-1","depositID":"D1","flags":[],"purchaser":"purchaser-1","senderName":"Purchaser 1"}"##),
        Stored(type: "depositReceived", payload: ##"{"amount":{"amountMinorUnits":249999999,"currency":"USD"},"at":1124722800000,"bankReference":"FW-2","depositID":"D2","flags":[],"purchaser":"purchaser-2","senderName":"Purchaser 2"}"##),
        Stored(type: "depositReceived", payload: ##"{"amount":{"amountMinorUnits":150000000,"currency":"USD"},"at":1124722800000,"bankReference":"FW-3","depositID":"D3","flags":[],"purchaser":"purchaser-3","senderName":"Purchaser 3"}"##),
        Stored(type: "depositReceived", payload: ##"{"amount":{"amountMinorUnits":99999999,"currency":"USD"},"at":1124722800000,"bankReference":"FW-4","depositID":"D4","flags":[],"purchaser":"purchaser-4","senderName":"Purchaser 4"}"##),
        Stored(type: "depositReceived", payload: ##"{"amount":{"amountMinorUnits":2,"currency":"USD"},"at":1124726400000,"bankReference":"X1","depositID":"D5","flags":["overSubscription"],"purchaser":"purchaser-4","senderName":"Purchaser 4"}"##),
        Stored(type: "depositReceived", payload: ##"{"amount":{"amountMinorUnits":1000,"currency":"USD"},"at":1124726400000,"bankReference":"X2","depositID":"D6","flags":["unknownSender"],"senderName":"Stranger LLC"}"##),
        Stored(type: "counselCostsClaimed", payload: ##"{"amount":{"amountMinorUnits":250000,"currency":"USD"},"at":1124812800000,"counsel":"Outside Counsel LLP","invoiceSHA256":"52d6e3de4fa0dcc29946695f93940c3e7f26f30e1e39f4b1a49ad98839112786"}"##),
        Stored(type: "documentReceived", payload: ##"{"at":1124805600000,"byteCount":40,"condition":"counterpart-signature-pages","from":"company","sha256":"6a2aceedce98c5881f72d95f0a7a6a2905cc533ef54d9ff9f4f637c9bd8b5758","title":"Counterpart signature pages of the Transaction Documents"}"##),
        Stored(type: "documentReceived", payload: ##"{"at":1124805600000,"byteCount":44,"condition":"counterpart-signature-pages","from":"purchaser-1","sha256":"61305465b8787f6722b6d67bd33b5240bfa107e9892eb9e8a13b82b4480480d3","title":"Counterpart signature pages of the Transaction Documents"}"##),
        Stored(type: "documentReceived", payload: ##"{"at":1124805600000,"byteCount":44,"condition":"counterpart-signature-pages","from":"purchaser-2","sha256":"6281e72008ff4c1af9dc37779d8bde9b847f6c16e0e5e9eb8290b18afe4d71a6","title":"Counterpart signature pages of the Transaction Documents"}"##),
        Stored(type: "documentReceived", payload: ##"{"at":1124805600000,"byteCount":44,"condition":"counterpart-signature-pages","from":"purchaser-3","sha256":"4a534c784bba0ed9d22daf5d2206159e4c51ecf953a6c909628352b2c213930e","title":"Counterpart signature pages of the Transaction Documents"}"##),
        Stored(type: "documentReceived", payload: ##"{"at":1124805600000,"byteCount":44,"condition":"counterpart-signature-pages","from":"purchaser-4","sha256":"c2d07892dc99f70e6716aa47e0b602e64f0ba1d42591cdd280263bf9bc686c97","title":"Counterpart signature pages of the Transaction Documents"}"##),
        Stored(type: "documentReceived", payload: ##"{"at":1124805600000,"byteCount":30,"condition":"closing-documents","from":"company","sha256":"2edb99076059588ffe2c9bdb760d0200e2ba02919eb91d5bd2886bff67a6056e","title":"Closing documents required under Article IV of the Purchase Agreement"}"##),
        Stored(type: "documentReceived", payload: ##"{"at":1124888400000,"byteCount":25,"condition":"nir-waiver","from":"nir-group","sha256":"d494f46d108a820dc87a905e31c451cfec8761fed3d38d2f7a17988fbc375795","title":"NIR Waiver (Exhibit B)"}"##),
        Stored(type: "fundsAdvised", payload: ##"{"amount":{"amountMinorUnits":800001000,"currency":"USD"},"at":1124888400000,"recipients":["company","purchaser-1","purchaser-2","purchaser-3","purchaser-4"]}"##),
        Stored(type: "paymentInstructionsGiven", payload: ##"{"at":1124895600000,"digest":"034af33a21519794c5e23f69043b406d549e5104883eb122c6034af343798645","lines":[{"account":{"accountName":"AJW Offshore, Ltd.","accountNumber":"8900112233","bank":"Bank of New York","routingNumber":"021000018"},"amount":{"amountMinorUnits":340000000,"currency":"USD"}},{"account":{"accountName":"ROO Group, Inc.","accountNumber":"40012345","bank":"Citibank, N.A.","routingNumber":"021000089"}}],"party":"company","reliance":{"ed25519":{"messageSHA256":"3ac679aea772b6efbd1a47ef237242d0150a0f1a924b8a47033b390a4cb43bca","publicKeyBase64":"DwFocSSJgrcIPJV/gHwZz6a3TFEV7vB6BUfpEY9kfSg=","signatureBase64":"qh/3RGkhdzEL9Bn4i/gjhPAtJ+GozkIFCUQFa3GcSacCy2Lv9JJ6gb4vvnxCSEIixMkVfzXwXOiWU2QsNWv8BA=="}}}"##),
        Stored(type: "counterpartSigned", payload: ##"{"at":1124978400000,"instrument":{"releaseNotice":{}},"reliance":{"ed25519":{"messageSHA256":"6742d437b233ea8ed0d5957e94544c76c987664c72ea9c10dafbb2e2c1011649","publicKeyBase64":"DwFocSSJgrcIPJV/gHwZz6a3TFEV7vB6BUfpEY9kfSg=","signatureBase64":"VOlz/kydnWIVHj49AY/V9SbdNiK+qM1Xf49aVuow3GWUPfKIyF/iHIpQst+e7pJxI/ySCnbCj6byTjoYZC5YAw=="}},"signer":"company"}"##),
        Stored(type: "counterpartSigned", payload: ##"{"at":1124978400000,"instrument":{"releaseNotice":{}},"reliance":{"ed25519":{"messageSHA256":"60624932a8c6431b705f1e1078c79c93544a2feda19ab86a7ca95303d0554b32","publicKeyBase64":"6YmzDpT5MrUseHdjoeKwLmg2u6ql647VDEdpBbXFo7I=","signatureBase64":"XeOSFisJVkVtNjwLV7uLdsmsnpUOCbuO+Q6gHuGtB80BdAs77ahkzifCW4xfsAbXgZTQcyzNa0QUlBRs2PnVBA=="}},"signer":"purchaser-1"}"##),
        Stored(type: "counterpartSigned", payload: ##"{"at":1124978400000,"instrument":{"releaseNotice":{}},"reliance":{"ed25519":{"messageSHA256":"785a503b8ee73cec3ce2e608f25fa0d04b216744b834d1bb8ac8d2be68a4235d","publicKeyBase64":"fu6XDRUQKcEahYWk2PbNWS2bk549KLMAEQqh45AifQc=","signatureBase64":"GR5U9djCr644GZJRFEm84Johk/6RLS0eoX7kQTueojLm8blQWkWNu3DvVGOwOoCW0cq4GK55djGzyZL7PfftAA=="}},"signer":"purchaser-2"}"##),
        Stored(type: "counterpartSigned", payload: ##"{"at":1124978400000,"instrument":{"releaseNotice":{}},"reliance":{"ed25519":{"messageSHA256":"b8cc04c4d64853351da802340c0126180bf805e75255f9a88bb4c799e470e305","publicKeyBase64":"fNP/XFnhAaTg35tABbvkmOT4wlruuHtCRFblVsdM4zk=","signatureBase64":"kFZ5aPFUqEYLPaJx5W9kwHdro9MOIe6mtwVqd4yA1PU7K4c/fasaj21MaOeN3EJFn4Xt/2xBsMdc8gSj5YJaAg=="}},"signer":"purchaser-3"}"##),
        Stored(type: "counterpartSigned", payload: ##"{"at":1124978400000,"instrument":{"releaseNotice":{}},"reliance":{"ed25519":{"messageSHA256":"330013f19087bbdf736f764c255366441f65dcd05b0f89bee0baeefb9a881af7","publicKeyBase64":"YV1BEPMUx8fA51jE5OAHVfPGsutmgR4evJZQ4xwdvX8=","signatureBase64":"+vaPLmaygaiUw5dkifCAHo9wVjIU57iTEi+EX/IyCNq3voqxRe7LjAIv393GbUPbmOIiWoKTCtiJXnZmTMTYCw=="}},"signer":"purchaser-4"}"##),
        Stored(type: "releaseNoticeEffective", payload: ##"{"at":1124978400000,"signers":["company","purchaser-1","purchaser-2","purchaser-3","purchaser-4"]}"##),
        Stored(type: "holdPlaced", payload: ##"{"amount":{"amountMinorUnits":100000,"currency":"USD"},"at":1124992800000,"holdID":"H1","partiesConcerned":["company","sichenzia"],"reason":"fee dispute"}"##),
        Stored(type: "deskControlRecorded", payload: ##"{"at":1124996400000,"clause":"1.5, 1.6","command":"release","control":{"approvalID":"apr_1","checker":"bob","kind":"maker-checker","maker":"alice"}}"##),
        Stored(type: "disbursed", payload: ##"{"at":1124996400000,"payments":[{"amount":{"amountMinorUnits":2,"currency":"USD"},"clause":"1.1","destination":"return to originating wire FW-4, X1","payee":"purchaser-4","purpose":"deposit above subscription returned"},{"amount":{"amountMinorUnits":1000,"currency":"USD"},"clause":"1.1","destination":"return of wire X2","payee":"Stranger LLC","purpose":"wire from a sender who is not a purchaser returned"},{"amount":{"amountMinorUnits":250000,"currency":"USD"},"clause":"2.11","destination":"per counsel's invoice 52d6e3de4fa0","payee":"Outside Counsel LLP","purpose":"escrow agent's counsel costs"},{"amount":{"amountMinorUnits":1500000,"currency":"USD"},"clause":"1.5","destination":"per Kramer Levin Naftalis & Frankel LLP's standing wire instructions","payee":"escrow-agent","purpose":"Payment to Kramer Levin Naftalis & Frankel LLP out of the proceeds"},{"amount":{"amountMinorUnits":4850000,"currency":"USD"},"clause":"1.5","destination":"per Sichenzia Ross Friedman Ference LLP's standing wire instructions","payee":"sichenzia","purpose":"Payment to Sichenzia Ross Friedman Ference LLP out of the proceeds"},{"amount":{"amountMinorUnits":52000000,"currency":"USD"},"clause":"1.5","destination":"per Burnham Hill Partners, a division of Pali Capital, Inc.'s standing wire instructions","payee":"burnham-hill","purpose":"Placement agent fee"},{"amount":{"amountMinorUnits":340000000,"currency":"USD"},"clause":"1.6","destination":"AJW Offshore, Ltd., Bank of New York, ABA 021000018, acct 8900112233","payee":"company","purpose":"subscription proceeds, net of fees"},{"amount":{"amountMinorUnits":401299998,"currency":"USD"},"clause":"1.6","destination":"ROO Group, Inc., Citibank, N.A., ABA 021000089, acct 40012345","payee":"company","purpose":"subscription proceeds, net of fees"}],"retained":{"amountMinorUnits":100000,"currency":"USD"},"total":{"amountMinorUnits":799901000,"currency":"USD"}}"##),
        Stored(type: "depositReceived", payload: ##"{"amount":{"amountMinorUnits":700,"currency":"USD"},"at":1125072000000,"bankReference":"L1","depositID":"D7","flags":["unknownSender","afterClose"],"senderName":"Late Sender Inc."}"##),
        Stored(type: "counterpartSigned", payload: ##"{"at":1125331200000,"instrument":{"settlement":{"_0":"H1"}},"reliance":{"paper":{"attestedBy":"alice","scanSHA256":"e8bc163c82eee18733288c7d4ac636db3a6deb013ef2d37b68322be20edc45cc"}},"signer":"company"}"##),
        Stored(type: "counterpartSigned", payload: ##"{"at":1125331200000,"instrument":{"settlement":{"_0":"H1"}},"reliance":{"paper":{"attestedBy":"alice","scanSHA256":"ad328846aa18b32a335816374511cac1063c704b8c57999e51da9f908290a7a4"}},"signer":"sichenzia"}"##),
        Stored(type: "holdLifted", payload: ##"{"at":1125331200000,"basis":{"mutualWrittenAgreement":{}},"holdID":"H1"}"##),
        Stored(type: "disbursed", payload: ##"{"at":1125417600000,"payments":[{"amount":{"amountMinorUnits":700,"currency":"USD"},"clause":"1.1","destination":"return of wire L1","payee":"Late Sender Inc.","purpose":"wire received after release returned"},{"amount":{"amountMinorUnits":100000,"currency":"USD"},"clause":"1.6, 2.14","destination":"ROO Group, Inc., Citibank, N.A., ABA 021000089, acct 40012345","payee":"company","purpose":"remainder retained under hold, now released"}],"retained":{"amountMinorUnits":0,"currency":"USD"},"total":{"amountMinorUnits":100700,"currency":"USD"}}"##),
        Stored(type: "noticeRecorded", payload: ##"{"at":1125417600000,"clause":"1.7","noticeID":"n1","recipients":["ROO Group, Inc."],"subject":"reminder","text":"due"}"##),
    ]

    /// What that build printed for the release log: timeline lines, postings, balances, notices and next step.
    static let releasePrinted = ##"""
[1.1] escrow roo-group-2005 opened under "Escrow Agreement" dated 2005-08-19; subscriptions total USD 7,999,999.98
[2.8] signing key registered for ROO Group, Inc. (DwFocSSJgrcI…)
[2.8] signing key registered for Purchaser 1 (6YmzDpT5MrUs…)
[2.8] signing key registered for Purchaser 2 (fu6XDRUQKcEa…)
[2.8] signing key registered for Purchaser 3 (fNP/XFnhAaTg…)
[2.8] signing key registered for Purchaser 4 (YV1BEPMUx8fA…)
[2.8] signing key registered for Kramer Levin Naftalis & Frankel LLP (iH0PuTXo8+SG…)
[1.1, 1.3] deposit D1 of USD 3,000,000.00 from Purchaser 1, wire FW-1
[1.1, 1.3] deposit D2 of USD 2,499,999.99 from Purchaser 2, wire FW-2
[1.1, 1.3] deposit D3 of USD 1,500,000.00 from Purchaser 3, wire FW-3
[1.1, 1.3] deposit D4 of USD 999,999.99 from Purchaser 4, wire FW-4
[1.1, 1.3] deposit D5 of USD 0.02 from Purchaser 4, wire X1 [flagged: overSubscription]
[1.1, 1.3] deposit D6 of USD 10.00 from Stranger LLC, wire X2 [flagged: unknownSender]
[2.11] counsel costs of USD 2,500.00 claimed for Outside Counsel LLP
[1.2] Counterpart signature pages of the Transaction Documents received from ROO Group, Inc. (sha256 6a2aceedce98…, 40 bytes)
[1.2] Counterpart signature pages of the Transaction Documents received from Purchaser 1 (sha256 61305465b878…, 44 bytes)
[1.2] Counterpart signature pages of the Transaction Documents received from Purchaser 2 (sha256 6281e72008ff…, 44 bytes)
[1.2] Counterpart signature pages of the Transaction Documents received from Purchaser 3 (sha256 4a534c784bba…, 44 bytes)
[1.2] Counterpart signature pages of the Transaction Documents received from Purchaser 4 (sha256 c2d07892dc99…, 44 bytes)
[1.2] Closing documents required under Article IV of the Purchase Agreement received from ROO Group, Inc. (sha256 2edb99076059…, 30 bytes)
[1.2] NIR Waiver (Exhibit B) received from NIR Group (sha256 d494f46d108a…, 25 bytes)
[1.2] advised ROO Group, Inc., Purchaser 1, Purchaser 2, Purchaser 3, Purchaser 4 that USD 8,000,010.00 is received; every condition is in
[1.6, 1.7] written wire instructions from ROO Group, Inc.: 2 account(s); relied on Ed25519 signature verified (key DwFocSSJgrcI…, message sha256 3ac679aea772…)
[1.4, Exhibit A] Release Notice counterpart signed by ROO Group, Inc.: relied on Ed25519 signature verified (key DwFocSSJgrcI…, message sha256 6742d437b233…)
[1.4, Exhibit A] Release Notice counterpart signed by Purchaser 1: relied on Ed25519 signature verified (key 6YmzDpT5MrUs…, message sha256 60624932a8c6…)
[1.4, Exhibit A] Release Notice counterpart signed by Purchaser 2: relied on Ed25519 signature verified (key fu6XDRUQKcEa…, message sha256 785a503b8ee7…)
[1.4, Exhibit A] Release Notice counterpart signed by Purchaser 3: relied on Ed25519 signature verified (key fNP/XFnhAaTg…, message sha256 b8cc04c4d648…)
[1.4, Exhibit A] Release Notice counterpart signed by Purchaser 4: relied on Ed25519 signature verified (key YV1BEPMUx8fA…, message sha256 330013f19087…)
[1.4, Exhibit A] Release Notice effective: executed by ROO Group, Inc., Purchaser 1, Purchaser 2, Purchaser 3, Purchaser 4
[2.14] hold H1 on USD 1,000.00: fee dispute
[1.5, 1.6] release requested by agent user alice (maker), approved by agent user bob (checker)
[1.5, 1.6] disbursed USD 7,999,010.00: USD 0.02 to Purchaser 4 (1.1); USD 10.00 to Stranger LLC (1.1); USD 2,500.00 to Outside Counsel LLP (2.11); USD 15,000.00 to Kramer Levin Naftalis & Frankel LLP (1.5); USD 48,500.00 to Sichenzia Ross Friedman Ference LLP (1.5); USD 520,000.00 to Burnham Hill Partners, a division of Pali Capital, Inc. (1.5); USD 3,400,000.00 to ROO Group, Inc. (1.6); USD 4,012,999.98 to ROO Group, Inc. (1.6); USD 1,000.00 retained under hold
[1.1, 1.3] deposit D7 of USD 7.00 from Late Sender Inc., wire L1 [flagged: unknownSender, afterClose]
[2.14] settlement of dispute H1 counterpart signed by ROO Group, Inc.: relied on paper counterpart, scan sha256 e8bc163c82ee…, attested by alice
[2.14] settlement of dispute H1 counterpart signed by Sichenzia Ross Friedman Ference LLP: relied on paper counterpart, scan sha256 ad328846aa18…, attested by alice
[2.14] hold H1 lifted by mutual written agreement of the parties concerned
[1.5, 1.6] disbursed USD 1,007.00: USD 7.00 to Late Sender Inc. (1.1); USD 1,000.00 to ROO Group, Inc. (1.6, 2.14)
[2.2, 1.7] notice to ROO Group, Inc.: reminder
posting [1.1] debit held  credit deposits  USD 3,000,000.00
posting [1.1] debit held  credit deposits  USD 2,499,999.99
posting [1.1] debit held  credit deposits  USD 1,500,000.00
posting [1.1] debit held  credit deposits  USD 999,999.99
posting [1.1] debit held  credit deposits  USD 0.02
posting [1.1] debit held  credit deposits  USD 10.00
posting [1.1] debit paid-out:purchaser-4  credit held  USD 0.02
posting [1.1] debit paid-out:Stranger LLC  credit held  USD 10.00
posting [2.11] debit paid-out:Outside Counsel LLP  credit held  USD 2,500.00
posting [1.5] debit paid-out:escrow-agent  credit held  USD 15,000.00
posting [1.5] debit paid-out:sichenzia  credit held  USD 48,500.00
posting [1.5] debit paid-out:burnham-hill  credit held  USD 520,000.00
posting [1.6] debit paid-out:company  credit held  USD 3,400,000.00
posting [1.6] debit paid-out:company  credit held  USD 4,012,999.98
posting [1.1] debit held  credit deposits  USD 7.00
posting [1.1] debit paid-out:Late Sender Inc.  credit held  USD 7.00
posting [1.6, 2.14] debit paid-out:company  credit held  USD 1,000.00
balance deposits -800001700
balance held 0
balance paid-out:Late Sender Inc. 700
balance paid-out:Outside Counsel LLP 250000
balance paid-out:Stranger LLC 1000
balance paid-out:burnham-hill 52000000
balance paid-out:company 741399998
balance paid-out:escrow-agent 1500000
balance paid-out:purchaser-4 2
balance paid-out:sichenzia 4850000
notice [1.2] ["ROO Group, Inc.", "Purchaser 1", "Purchaser 2", "Purchaser 3", "Purchaser 4"] advice: USD 8,000,010.00 received; every condition is in
notice [1.7] ["ROO Group, Inc."] reminder
next closed: funds released (1.5, 1.6)
"""##

    /// The refund log.
    static let refund: [Stored] = [
        Stored(type: "opened", payload: ##"{"at":1124456400000,"escrowID":"roo-group-2005","terms":{"calendar":{"extraClosures":[],"timeZoneIdentifier":"America/New_York"},"conditions":[{"clause":"1.2","from":[],"id":"subscription-funds","kind":"subscriptionFunds","title":"Aggregate subscription amounts in the master escrow account"},{"clause":"1.2","from":[{"party":{"_0":"nir-group"}}],"id":"nir-waiver","kind":"document","title":"NIR Waiver (Exhibit B)"},{"clause":"1.2","from":[{"party":{"_0":"company"}},{"everyPurchaser":{}}],"id":"counterpart-signature-pages","kind":"counterparts","title":"Counterpart signature pages of the Transaction Documents"},{"clause":"1.2","from":[{"party":{"_0":"company"}}],"id":"closing-documents","kind":"document","title":"Closing documents required under Article IV of the Purchase Agreement"}],"currency":"USD","dated":"2005-08-19","depositInstructions":{"accountName":"Kramer Levin Naftalis & Frankel LLP IOLA Account","accountNumber":"37317968","bank":"Citibank, N.A.","bankAddress":"666 Fifth Avenue, New York, NY 10103","reference":"Roo Group, Inc.","routingNumber":"021000089"},"disbursement":{"fixedPayments":[{"amount":{"amountMinorUnits":1500000,"currency":"USD"},"clause":"1.5","payee":"escrow-agent","purpose":"Payment to Kramer Levin Naftalis & Frankel LLP out of the proceeds"},{"amount":{"amountMinorUnits":4850000,"currency":"USD"},"clause":"1.5","payee":"sichenzia","purpose":"Payment to Sichenzia Ross Friedman Ference LLP out of the proceeds"},{"amount":{"amountMinorUnits":52000000,"currency":"USD"},"clause":"1.5","payee":"burnham-hill","purpose":"Placement agent fee"}],"remainderClause":"1.6","remainderPayee":"company"},"id":"roo-group-2005","offering":{"pricePerShare":{"amountMinorUnits":3,"currency":"USD"},"security":"Common stock of ROO Group, Inc., par value $.0001 per share","shares":266666666,"total":{"amountMinorUnits":799999998,"currency":"USD"}},"parties":[{"id":"company","name":"ROO Group, Inc.","role":"company"},{"address":"1177 Avenue of the Americas, New York, New York 10036","id":"escrow-agent","name":"Kramer Levin Naftalis & Frankel LLP","role":"escrowAgent"},{"id":"sichenzia","name":"Sichenzia Ross Friedman Ference LLP","role":"feePayee"},{"id":"burnham-hill","name":"Burnham Hill Partners, a division of Pali Capital, Inc.","role":"feePayee"},{"id":"nir-group","name":"NIR Group","role":"thirdParty"},{"id":"purchaser-1","name":"Purchaser 1","role":"purchaser"},{"id":"purchaser-2","name":"Purchaser 2","role":"purchaser"},{"id":"purchaser-3","name":"Purchaser 3","role":"purchaser"},{"id":"purchaser-4","name":"Purchaser 4","role":"purchaser"}],"refund":{"businessDaysAfterAgreementDate":10,"clause":"1.7","unlessCondition":"nir-waiver"},"releaseInstrument":{"clause":"1.4, Exhibit A","signers":[{"party":{"_0":"company"}},{"everyPurchaser":{}}],"text":"The UNDERSIGNED, pursuant to the Escrow Agreement, dated as of August 19, 2005 among the Company, the Purchasers signatory thereto and Kramer Levin Naftalis & Frankel LLP, as Escrow Agent (the \"Escrow Agreement\"; capitalized terms used herein and not defined shall have the meaning ascribed to such terms in the Escrow Agreement), hereby notify the Escrow Agent that each of the conditions precedent to the purchase and sale of the Shares have been satisfied. The Company hereby confirms that all of its respective representations and warranties contained in the Purchase Agreement remain true and correct and authorize the release by the Escrow Agent of the funds to be released as described in the Escrow Agreement. This Release Notice shall not be effective until executed by the Company and the Purchasers.\nThis Release Notice may be signed in one or more counterparts, each of which shall be deemed an original.","title":"Release Notice"},"subscriptions":[{"amount":{"amountMinorUnits":300000000,"currency":"USD"},"purchaser":"purchaser-1","shares":100000000},{"amount":{"amountMinorUnits":249999999,"currency":"USD"},"purchaser":"purchaser-2","shares":83333333},{"amount":{"amountMinorUnits":150000000,"currency":"USD"},"purchaser":"purchaser-3","shares":50000000},{"amount":{"amountMinorUnits":99999999,"currency":"USD"},"purchaser":"purchaser-4","shares":33333333}],"title":"Escrow Agreement"},"termsSHA256":"c8f25e3652230868fc7b8ab3ffa8631fb8e95c5108e87220371a1f6339589694"}"##),
        Stored(type: "depositReceived", payload: ##"{"amount":{"amountMinorUnits":300000000,"currency":"USD"},"at":1124722800000,"bankReference":"FW-1","depositID":"D1","flags":[],"purchaser":"purchaser-1","senderName":"Purchaser 1"}"##),
        Stored(type: "depositReceived", payload: ##"{"amount":{"amountMinorUnits":249999999,"currency":"USD"},"at":1124722800000,"bankReference":"FW-2","depositID":"D2","flags":[],"purchaser":"purchaser-2","senderName":"Purchaser 2"}"##),
        Stored(type: "depositReceived", payload: ##"{"amount":{"amountMinorUnits":150000000,"currency":"USD"},"at":1124722800000,"bankReference":"FW-3","depositID":"D3","flags":[],"purchaser":"purchaser-3","senderName":"Purchaser 3"}"##),
        Stored(type: "depositReceived", payload: ##"{"amount":{"amountMinorUnits":99999999,"currency":"USD"},"at":1124722800000,"bankReference":"FW-4","depositID":"D4","flags":[],"purchaser":"purchaser-4","senderName":"Purchaser 4"}"##),
        Stored(type: "depositReceived", payload: ##"{"amount":{"amountMinorUnits":500000,"currency":"USD"},"at":1124726400000,"bankReference":"S1","depositID":"D5","flags":["unknownSender"],"senderName":"Acme Holdings"}"##),
        Stored(type: "counselCostsClaimed", payload: ##"{"amount":{"amountMinorUnits":100001,"currency":"USD"},"at":1125417600000,"counsel":"Outside Counsel LLP","invoiceSHA256":"52d6e3de4fa0dcc29946695f93940c3e7f26f30e1e39f4b1a49ad98839112786"}"##),
        Stored(type: "refundDeadlineMissed", payload: ##"{"at":1125752400000,"condition":"nir-waiver","deadline":{"date":"2005-09-02","timeZoneIdentifier":"America/New_York"}}"##),
        Stored(type: "refunded", payload: ##"{"at":1125752400000,"payments":[{"amount":{"amountMinorUnits":100001,"currency":"USD"},"clause":"2.11","destination":"per counsel's invoice 52d6e3de4fa0","payee":"Outside Counsel LLP","purpose":"escrow agent's counsel costs"},{"amount":{"amountMinorUnits":299962523,"currency":"USD"},"clause":"1.7","destination":"return to originating wire FW-1","payee":"purchaser-1","purpose":"subscription funds returned"},{"amount":{"amountMinorUnits":249968768,"currency":"USD"},"clause":"1.7","destination":"return to originating wire FW-2","payee":"purchaser-2","purpose":"subscription funds returned"},{"amount":{"amountMinorUnits":149981261,"currency":"USD"},"clause":"1.7","destination":"return to originating wire FW-3","payee":"purchaser-3","purpose":"subscription funds returned"},{"amount":{"amountMinorUnits":99987507,"currency":"USD"},"clause":"1.7","destination":"return to originating wire FW-4","payee":"purchaser-4","purpose":"subscription funds returned"},{"amount":{"amountMinorUnits":499938,"currency":"USD"},"clause":"1.7","destination":"return of wire S1","payee":"Acme Holdings","purpose":"wire from a sender who is not a purchaser returned"}],"total":{"amountMinorUnits":800499998,"currency":"USD"}}"##),
        Stored(type: "depositReceived", payload: ##"{"amount":{"amountMinorUnits":30000,"currency":"USD"},"at":1126022400000,"bankReference":"S2","depositID":"D6","flags":["unknownSender","afterClose"],"senderName":"Acme Holdings"}"##),
        Stored(type: "refunded", payload: ##"{"at":1126015200000,"payments":[{"amount":{"amountMinorUnits":8649,"currency":"USD"},"clause":"1.7","destination":"return to originating wire FW-1","payee":"purchaser-1","purpose":"subscription funds returned"},{"amount":{"amountMinorUnits":7207,"currency":"USD"},"clause":"1.7","destination":"return to originating wire FW-2","payee":"purchaser-2","purpose":"subscription funds returned"},{"amount":{"amountMinorUnits":4324,"currency":"USD"},"clause":"1.7","destination":"return to originating wire FW-3","payee":"purchaser-3","purpose":"subscription funds returned"},{"amount":{"amountMinorUnits":2883,"currency":"USD"},"clause":"1.7","destination":"return to originating wire FW-4","payee":"purchaser-4","purpose":"subscription funds returned"},{"amount":{"amountMinorUnits":6937,"currency":"USD"},"clause":"1.7","destination":"return of wire S1, S2","payee":"Acme Holdings","purpose":"wire from a sender who is not a purchaser returned"}],"total":{"amountMinorUnits":30000,"currency":"USD"}}"##),
    ]

    /// What that build printed for the refund log: timeline lines, postings, balances, notices and next step.
    static let refundPrinted = ##"""
[1.1] escrow roo-group-2005 opened under "Escrow Agreement" dated 2005-08-19; subscriptions total USD 7,999,999.98
[1.1, 1.3] deposit D1 of USD 3,000,000.00 from Purchaser 1, wire FW-1
[1.1, 1.3] deposit D2 of USD 2,499,999.99 from Purchaser 2, wire FW-2
[1.1, 1.3] deposit D3 of USD 1,500,000.00 from Purchaser 3, wire FW-3
[1.1, 1.3] deposit D4 of USD 999,999.99 from Purchaser 4, wire FW-4
[1.1, 1.3] deposit D5 of USD 5,000.00 from Acme Holdings, wire S1 [flagged: unknownSender]
[2.11] counsel costs of USD 1,000.01 claimed for Outside Counsel LLP
[1.7] nir-waiver not received by 2005-09-02 end of day America/New_York: release is no longer possible; funds go back
[1.7] refunded USD 8,004,999.98: USD 1,000.01 to Outside Counsel LLP; USD 2,999,625.23 to Purchaser 1; USD 2,499,687.68 to Purchaser 2; USD 1,499,812.61 to Purchaser 3; USD 999,875.07 to Purchaser 4; USD 4,999.38 to Acme Holdings
[1.1, 1.3] deposit D6 of USD 300.00 from Acme Holdings, wire S2 [flagged: unknownSender, afterClose]
[1.7] refunded USD 300.00: USD 86.49 to Purchaser 1; USD 72.07 to Purchaser 2; USD 43.24 to Purchaser 3; USD 28.83 to Purchaser 4; USD 69.37 to Acme Holdings
posting [1.1] debit held  credit deposits  USD 3,000,000.00
posting [1.1] debit held  credit deposits  USD 2,499,999.99
posting [1.1] debit held  credit deposits  USD 1,500,000.00
posting [1.1] debit held  credit deposits  USD 999,999.99
posting [1.1] debit held  credit deposits  USD 5,000.00
posting [2.11] debit paid-out:Outside Counsel LLP  credit held  USD 1,000.01
posting [1.7] debit refunded:purchaser-1  credit held  USD 2,999,625.23
posting [1.7] debit refunded:purchaser-2  credit held  USD 2,499,687.68
posting [1.7] debit refunded:purchaser-3  credit held  USD 1,499,812.61
posting [1.7] debit refunded:purchaser-4  credit held  USD 999,875.07
posting [1.7] debit refunded:Acme Holdings  credit held  USD 4,999.38
posting [1.1] debit held  credit deposits  USD 300.00
posting [1.7] debit refunded:purchaser-1  credit held  USD 86.49
posting [1.7] debit refunded:purchaser-2  credit held  USD 72.07
posting [1.7] debit refunded:purchaser-3  credit held  USD 43.24
posting [1.7] debit refunded:purchaser-4  credit held  USD 28.83
posting [1.7] debit refunded:Acme Holdings  credit held  USD 69.37
balance deposits -800529998
balance held 0
balance paid-out:Outside Counsel LLP 100001
balance refunded:Acme Holdings 506875
balance refunded:purchaser-1 299971172
balance refunded:purchaser-2 249975975
balance refunded:purchaser-3 149985585
balance refunded:purchaser-4 99990390
notice [1.7] ["Purchaser 1"] refund of USD 2,999,625.23 to return to originating wire FW-1
notice [1.7] ["Purchaser 2"] refund of USD 2,499,687.68 to return to originating wire FW-2
notice [1.7] ["Purchaser 3"] refund of USD 1,499,812.61 to return to originating wire FW-3
notice [1.7] ["Purchaser 4"] refund of USD 999,875.07 to return to originating wire FW-4
notice [1.7] ["Acme Holdings"] refund of USD 4,999.38 to return of wire S1
notice [1.7] ["Purchaser 1", "Purchaser 2", "Purchaser 3", "Purchaser 4", "ROO Group, Inc."] nir-waiver not received by 2005-09-02 end of day America/New_York; the funds are returned
notice [1.7] ["Purchaser 1"] refund of USD 86.49 to return to originating wire FW-1
notice [1.7] ["Purchaser 2"] refund of USD 72.07 to return to originating wire FW-2
notice [1.7] ["Purchaser 3"] refund of USD 43.24 to return to originating wire FW-3
notice [1.7] ["Purchaser 4"] refund of USD 28.83 to return to originating wire FW-4
notice [1.7] ["Acme Holdings"] refund of USD 69.37 to return of wire S1, S2
next closed: funds returned (1.7)
"""##

    /// The court log.
    static let court: [Stored] = [
        Stored(type: "opened", payload: ##"{"at":1124456400000,"escrowID":"roo-group-2005","terms":{"calendar":{"extraClosures":[],"timeZoneIdentifier":"America/New_York"},"conditions":[{"clause":"1.2","from":[],"id":"subscription-funds","kind":"subscriptionFunds","title":"Aggregate subscription amounts in the master escrow account"},{"clause":"1.2","from":[{"party":{"_0":"nir-group"}}],"id":"nir-waiver","kind":"document","title":"NIR Waiver (Exhibit B)"},{"clause":"1.2","from":[{"party":{"_0":"company"}},{"everyPurchaser":{}}],"id":"counterpart-signature-pages","kind":"counterparts","title":"Counterpart signature pages of the Transaction Documents"},{"clause":"1.2","from":[{"party":{"_0":"company"}}],"id":"closing-documents","kind":"document","title":"Closing documents required under Article IV of the Purchase Agreement"}],"currency":"USD","dated":"2005-08-19","depositInstructions":{"accountName":"Kramer Levin Naftalis & Frankel LLP IOLA Account","accountNumber":"37317968","bank":"Citibank, N.A.","bankAddress":"666 Fifth Avenue, New York, NY 10103","reference":"Roo Group, Inc.","routingNumber":"021000089"},"disbursement":{"fixedPayments":[{"amount":{"amountMinorUnits":1500000,"currency":"USD"},"clause":"1.5","payee":"escrow-agent","purpose":"Payment to Kramer Levin Naftalis & Frankel LLP out of the proceeds"},{"amount":{"amountMinorUnits":4850000,"currency":"USD"},"clause":"1.5","payee":"sichenzia","purpose":"Payment to Sichenzia Ross Friedman Ference LLP out of the proceeds"},{"amount":{"amountMinorUnits":52000000,"currency":"USD"},"clause":"1.5","payee":"burnham-hill","purpose":"Placement agent fee"}],"remainderClause":"1.6","remainderPayee":"company"},"id":"roo-group-2005","offering":{"pricePerShare":{"amountMinorUnits":3,"currency":"USD"},"security":"Common stock of ROO Group, Inc., par value $.0001 per share","shares":266666666,"total":{"amountMinorUnits":799999998,"currency":"USD"}},"parties":[{"id":"company","name":"ROO Group, Inc.","role":"company"},{"address":"1177 Avenue of the Americas, New York, New York 10036","id":"escrow-agent","name":"Kramer Levin Naftalis & Frankel LLP","role":"escrowAgent"},{"id":"sichenzia","name":"Sichenzia Ross Friedman Ference LLP","role":"feePayee"},{"id":"burnham-hill","name":"Burnham Hill Partners, a division of Pali Capital, Inc.","role":"feePayee"},{"id":"nir-group","name":"NIR Group","role":"thirdParty"},{"id":"purchaser-1","name":"Purchaser 1","role":"purchaser"},{"id":"purchaser-2","name":"Purchaser 2","role":"purchaser"},{"id":"purchaser-3","name":"Purchaser 3","role":"purchaser"},{"id":"purchaser-4","name":"Purchaser 4","role":"purchaser"}],"refund":{"businessDaysAfterAgreementDate":10,"clause":"1.7","unlessCondition":"nir-waiver"},"releaseInstrument":{"clause":"1.4, Exhibit A","signers":[{"party":{"_0":"company"}},{"everyPurchaser":{}}],"text":"The UNDERSIGNED, pursuant to the Escrow Agreement, dated as of August 19, 2005 among the Company, the Purchasers signatory thereto and Kramer Levin Naftalis & Frankel LLP, as Escrow Agent (the \"Escrow Agreement\"; capitalized terms used herein and not defined shall have the meaning ascribed to such terms in the Escrow Agreement), hereby notify the Escrow Agent that each of the conditions precedent to the purchase and sale of the Shares have been satisfied. The Company hereby confirms that all of its respective representations and warranties contained in the Purchase Agreement remain true and correct and authorize the release by the Escrow Agent of the funds to be released as described in the Escrow Agreement. This Release Notice shall not be effective until executed by the Company and the Purchasers.\nThis Release Notice may be signed in one or more counterparts, each of which shall be deemed an original.","title":"Release Notice"},"subscriptions":[{"amount":{"amountMinorUnits":300000000,"currency":"USD"},"purchaser":"purchaser-1","shares":100000000},{"amount":{"amountMinorUnits":249999999,"currency":"USD"},"purchaser":"purchaser-2","shares":83333333},{"amount":{"amountMinorUnits":150000000,"currency":"USD"},"purchaser":"purchaser-3","shares":50000000},{"amount":{"amountMinorUnits":99999999,"currency":"USD"},"purchaser":"purchaser-4","shares":33333333}],"title":"Escrow Agreement"},"termsSHA256":"c8f25e3652230868fc7b8ab3ffa8631fb8e95c5108e87220371a1f6339589694"}"##),
        Stored(type: "depositReceived", payload: ##"{"amount":{"amountMinorUnits":300000000,"currency":"USD"},"at":1124722800000,"bankReference":"FW-1","depositID":"D1","flags":[],"purchaser":"purchaser-1","senderName":"Purchaser 1"}"##),
        Stored(type: "depositReceived", payload: ##"{"amount":{"amountMinorUnits":249999999,"currency":"USD"},"at":1124722800000,"bankReference":"FW-2","depositID":"D2","flags":[],"purchaser":"purchaser-2","senderName":"Purchaser 2"}"##),
        Stored(type: "depositReceived", payload: ##"{"amount":{"amountMinorUnits":150000000,"currency":"USD"},"at":1124722800000,"bankReference":"FW-3","depositID":"D3","flags":[],"purchaser":"purchaser-3","senderName":"Purchaser 3"}"##),
        Stored(type: "depositReceived", payload: ##"{"amount":{"amountMinorUnits":99999999,"currency":"USD"},"at":1124722800000,"bankReference":"FW-4","depositID":"D4","flags":[],"purchaser":"purchaser-4","senderName":"Purchaser 4"}"##),
        Stored(type: "courtOrderRecorded", payload: ##"{"at":1125072000000,"court":"S.D.N.Y.","directive":{"pay":{"_0":[{"amount":{"amountMinorUnits":300000000,"currency":"USD"},"clause":"2.9","destination":"per order","payee":"purchaser-1","purpose":""},{"amount":{"amountMinorUnits":1000,"currency":"USD"},"clause":"2.9","destination":"receiver account","payee":"Receiver LLC","purpose":"receiver's fee"}]}},"docket":"05-CV-1234","documentSHA256":"65c74c15a686187bb6bbf9958f494fc6b80068034a659a9ad44991b08c58f2d2","isFinal":true}"##),
        Stored(type: "disbursed", payload: ##"{"at":1125072000000,"courtDocket":"05-CV-1234","payments":[{"amount":{"amountMinorUnits":300000000,"currency":"USD"},"clause":"2.9","destination":"per order","payee":"purchaser-1","purpose":"ordered by S.D.N.Y."},{"amount":{"amountMinorUnits":1000,"currency":"USD"},"clause":"2.9","destination":"receiver account","payee":"Receiver LLC","purpose":"receiver's fee"}],"retained":{"amountMinorUnits":0,"currency":"USD"},"total":{"amountMinorUnits":300001000,"currency":"USD"}}"##),
    ]

    /// What that build printed for the court log: timeline lines, postings, balances, notices and next step.
    static let courtPrinted = ##"""
[1.1] escrow roo-group-2005 opened under "Escrow Agreement" dated 2005-08-19; subscriptions total USD 7,999,999.98
[1.1, 1.3] deposit D1 of USD 3,000,000.00 from Purchaser 1, wire FW-1
[1.1, 1.3] deposit D2 of USD 2,499,999.99 from Purchaser 2, wire FW-2
[1.1, 1.3] deposit D3 of USD 1,500,000.00 from Purchaser 3, wire FW-3
[1.1, 1.3] deposit D4 of USD 999,999.99 from Purchaser 4, wire FW-4
[2.9] court order 05-CV-1234 of S.D.N.Y. (final): pay 2 payment(s); obeyed
[2.9] disbursed USD 3,000,010.00 under court order 05-CV-1234: USD 3,000,000.00 to Purchaser 1 (2.9); USD 10.00 to Receiver LLC (2.9)
posting [1.1] debit held  credit deposits  USD 3,000,000.00
posting [1.1] debit held  credit deposits  USD 2,499,999.99
posting [1.1] debit held  credit deposits  USD 1,500,000.00
posting [1.1] debit held  credit deposits  USD 999,999.99
posting [2.9] debit paid-out:purchaser-1  credit held  USD 3,000,000.00
posting [2.9] debit paid-out:Receiver LLC  credit held  USD 10.00
balance deposits -799999998
balance held 499998998
balance paid-out:Receiver LLC 1000
balance paid-out:purchaser-1 300000000
next funds retained under hold await its lifting (2.14)
"""##


    /// A log recorded once refunds fell due per depositor (refundsFellDue): counsel costs
    /// and an unknown sender's wire paid at the deadline, the purchasers owed, then Purchaser 1
    /// paid when its signed instructions arrived. Kept so later builds load it unchanged too.
    static let refundDue: [Stored] = [
        Stored(type: "opened", payload: ##"{"at":1124456400000,"escrowID":"roo-group-2005","terms":{"calendar":{"extraClosures":[],"timeZoneIdentifier":"America/New_York"},"clauses":{"advice":"1.2","agentDuties":"2.7","amendments":"2.4","counselCosts":"2.11","courtOrders":"2.9","deadlineExtensions":"2.1","depositInstructions":"1.3","dispute":"2.14","escrowAccount":"1.1","furtherInstruments":"2.13","genuineness":"2.10","notices":"2.2","refund":"1.7","release":"1.5","releaseInstrument":"1.4","releaseInstrumentForm":"Exhibit A","reliance":"2.8","remainder":"1.6","resignation":"2.12","succession":"2.12","warnings":"2.9"},"conditions":[{"clause":"1.2","from":[],"id":"subscription-funds","kind":"subscriptionFunds","title":"Aggregate subscription amounts in the master escrow account"},{"clause":"1.2","from":[{"party":{"_0":"nir-group"}}],"id":"nir-waiver","kind":"document","title":"NIR Waiver (Exhibit B)"},{"clause":"1.2","from":[{"party":{"_0":"company"}},{"everyPurchaser":{}}],"id":"counterpart-signature-pages","kind":"counterparts","title":"Counterpart signature pages of the Transaction Documents"},{"clause":"1.2","from":[{"party":{"_0":"company"}}],"id":"closing-documents","kind":"document","title":"Closing documents required under Article IV of the Purchase Agreement"}],"currency":"USD","dated":"2005-08-19","depositInstructions":{"accountName":"Kramer Levin Naftalis & Frankel LLP IOLA Account","accountNumber":"37317968","bank":"Citibank, N.A.","bankAddress":"666 Fifth Avenue, New York, NY 10103","reference":"Roo Group, Inc.","routingNumber":"021000089"},"disbursement":{"fixedPayments":[{"amount":{"amountMinorUnits":1500000,"currency":"USD"},"clause":"1.5","payee":"escrow-agent","purpose":"Payment to Kramer Levin Naftalis & Frankel LLP out of the proceeds"},{"amount":{"amountMinorUnits":4850000,"currency":"USD"},"clause":"1.5","payee":"sichenzia","purpose":"Payment to Sichenzia Ross Friedman Ference LLP out of the proceeds"},{"amount":{"amountMinorUnits":52000000,"currency":"USD"},"clause":"1.5","payee":"burnham-hill","purpose":"Placement agent fee"}],"remainderClause":"1.6","remainderPayee":"company"},"id":"roo-group-2005","offering":{"pricePerShare":{"amountMinorUnits":3,"currency":"USD"},"security":"Common stock of ROO Group, Inc., par value $.0001 per share","shares":266666666,"total":{"amountMinorUnits":799999998,"currency":"USD"}},"parties":[{"id":"company","name":"ROO Group, Inc.","role":"company"},{"address":"1177 Avenue of the Americas, New York, New York 10036","id":"escrow-agent","name":"Kramer Levin Naftalis & Frankel LLP","role":"escrowAgent"},{"id":"sichenzia","name":"Sichenzia Ross Friedman Ference LLP","role":"feePayee"},{"id":"burnham-hill","name":"Burnham Hill Partners, a division of Pali Capital, Inc.","role":"feePayee"},{"id":"nir-group","name":"NIR Group","role":"thirdParty"},{"id":"purchaser-1","name":"Purchaser 1","role":"purchaser"},{"id":"purchaser-2","name":"Purchaser 2","role":"purchaser"},{"id":"purchaser-3","name":"Purchaser 3","role":"purchaser"},{"id":"purchaser-4","name":"Purchaser 4","role":"purchaser"}],"refund":{"businessDaysAfterAgreementDate":10,"clause":"1.7","unlessCondition":"nir-waiver"},"releaseInstrument":{"clause":"1.4, Exhibit A","signers":[{"party":{"_0":"company"}},{"everyPurchaser":{}}],"text":"The UNDERSIGNED, pursuant to the Escrow Agreement, dated as of August 19, 2005 among the Company, the Purchasers signatory thereto and Kramer Levin Naftalis & Frankel LLP, as Escrow Agent (the \"Escrow Agreement\"; capitalized terms used herein and not defined shall have the meaning ascribed to such terms in the Escrow Agreement), hereby notify the Escrow Agent that each of the conditions precedent to the purchase and sale of the Shares have been satisfied. The Company hereby confirms that all of its respective representations and warranties contained in the Purchase Agreement remain true and correct and authorize the release by the Escrow Agent of the funds to be released as described in the Escrow Agreement. This Release Notice shall not be effective until executed by the Company and the Purchasers.\nThis Release Notice may be signed in one or more counterparts, each of which shall be deemed an original.","title":"Release Notice"},"subscriptions":[{"amount":{"amountMinorUnits":300000000,"currency":"USD"},"purchaser":"purchaser-1","shares":100000000},{"amount":{"amountMinorUnits":249999999,"currency":"USD"},"purchaser":"purchaser-2","shares":83333333},{"amount":{"amountMinorUnits":150000000,"currency":"USD"},"purchaser":"purchaser-3","shares":50000000},{"amount":{"amountMinorUnits":99999999,"currency":"USD"},"purchaser":"purchaser-4","shares":33333333}],"title":"Escrow Agreement"},"termsSHA256":"9728e64bd31faffe4d1078d8d092a800d7fcf752e3d5caf357f277f25e86d624"}"##),
        Stored(type: "depositReceived", payload: ##"{"amount":{"amountMinorUnits":300000000,"currency":"USD"},"at":1124722800000,"bankReference":"FW-1","depositID":"D1","flags":[],"purchaser":"purchaser-1","senderName":"Purchaser 1"}"##),
        Stored(type: "depositReceived", payload: ##"{"amount":{"amountMinorUnits":249999999,"currency":"USD"},"at":1124722800000,"bankReference":"FW-2","depositID":"D2","flags":[],"purchaser":"purchaser-2","senderName":"Purchaser 2"}"##),
        Stored(type: "depositReceived", payload: ##"{"amount":{"amountMinorUnits":150000000,"currency":"USD"},"at":1124722800000,"bankReference":"FW-3","depositID":"D3","flags":[],"purchaser":"purchaser-3","senderName":"Purchaser 3"}"##),
        Stored(type: "depositReceived", payload: ##"{"amount":{"amountMinorUnits":99999999,"currency":"USD"},"at":1124722800000,"bankReference":"FW-4","depositID":"D4","flags":[],"purchaser":"purchaser-4","senderName":"Purchaser 4"}"##),
        Stored(type: "depositReceived", payload: ##"{"amount":{"amountMinorUnits":500000,"currency":"USD"},"at":1124726400000,"bankReference":"S1","depositID":"D5","flags":["unknownSender"],"senderName":"Acme Holdings"}"##),
        Stored(type: "counselCostsClaimed", payload: ##"{"amount":{"amountMinorUnits":100001,"currency":"USD"},"at":1125417600000,"counsel":"Outside Counsel LLP","invoiceSHA256":"52d6e3de4fa0dcc29946695f93940c3e7f26f30e1e39f4b1a49ad98839112786"}"##),
        Stored(type: "refundDeadlineMissed", payload: ##"{"at":1125752400000,"condition":"nir-waiver","deadline":{"date":"2005-09-02","timeZoneIdentifier":"America/New_York"}}"##),
        Stored(type: "refundsFellDue", payload: ##"{"at":1125752400000,"owed":[{"amount":{"amountMinorUnits":299962523,"currency":"USD"},"clause":"1.7","destination":"awaiting the depositor's signed written wire instructions","payee":"purchaser-1","purpose":"subscription funds returned"},{"amount":{"amountMinorUnits":249968768,"currency":"USD"},"clause":"1.7","destination":"awaiting the depositor's signed written wire instructions","payee":"purchaser-2","purpose":"subscription funds returned"},{"amount":{"amountMinorUnits":149981261,"currency":"USD"},"clause":"1.7","destination":"awaiting the depositor's signed written wire instructions","payee":"purchaser-3","purpose":"subscription funds returned"},{"amount":{"amountMinorUnits":99987507,"currency":"USD"},"clause":"1.7","destination":"awaiting the depositor's signed written wire instructions","payee":"purchaser-4","purpose":"subscription funds returned"},{"amount":{"amountMinorUnits":499938,"currency":"USD"},"clause":"1.7","destination":"return of wire S1","payee":"Acme Holdings","payeeKind":"outside","purpose":"wire from a sender who is not a purchaser returned"}],"total":{"amountMinorUnits":800399997,"currency":"USD"}}"##),
        Stored(type: "refunded", payload: ##"{"at":1125752400000,"payments":[{"amount":{"amountMinorUnits":100001,"currency":"USD"},"clause":"2.11","destination":"per counsel's invoice 52d6e3de4fa0","payee":"Outside Counsel LLP","payeeKind":"counsel","purpose":"escrow agent's counsel costs"},{"amount":{"amountMinorUnits":499938,"currency":"USD"},"clause":"1.7","destination":"return of wire S1","payee":"Acme Holdings","payeeKind":"outside","purpose":"wire from a sender who is not a purchaser returned"}],"total":{"amountMinorUnits":599939,"currency":"USD"}}"##),
        Stored(type: "keyRegistered", payload: ##"{"at":1126011600000,"party":"purchaser-1","publicKeyBase64":"oSmwqaHYajUn+p+LbtQkZfao+hCoyMtD645GZCLz/jA="}"##),
        Stored(type: "paymentInstructionsGiven", payload: ##"{"at":1126015200000,"digest":"74fa2a9fca3b0a38100a54c238bd4ad42c8eb1648e260b62e5014d6b859315a6","lines":[{"account":{"accountName":"Purchaser 1","accountNumber":"200011114444","bank":"Bank of America, N.A.","routingNumber":"026009593"}}],"party":"purchaser-1","reliance":{"ed25519":{"messageSHA256":"542a16fa6242b2a92ff7d799cd26956ad592c35c1501b4583e302f79d2629499","publicKeyBase64":"oSmwqaHYajUn+p+LbtQkZfao+hCoyMtD645GZCLz/jA=","signatureBase64":"sD3ISujGNniV6dzA8my5H8xvXksBro30qm8NBdpsInHHqxiVJhh3JuNKMmRhRH83F8h7B524gD/EiiTpc5U7Bg=="}}}"##),
        Stored(type: "refunded", payload: ##"{"at":1126015200000,"payments":[{"amount":{"amountMinorUnits":299962523,"currency":"USD"},"clause":"1.7","destination":"Purchaser 1, Bank of America, N.A., ABA 026009593, acct 200011114444","payee":"purchaser-1","purpose":"subscription funds returned"}],"total":{"amountMinorUnits":299962523,"currency":"USD"}}"##),
    ]

    static let refundDuePrinted = ##"""
[1.1] escrow roo-group-2005 opened under "Escrow Agreement" dated 2005-08-19; subscriptions total USD 7,999,999.98
[1.1, 1.3] deposit D1 of USD 3,000,000.00 from Purchaser 1, wire FW-1
[1.1, 1.3] deposit D2 of USD 2,499,999.99 from Purchaser 2, wire FW-2
[1.1, 1.3] deposit D3 of USD 1,500,000.00 from Purchaser 3, wire FW-3
[1.1, 1.3] deposit D4 of USD 999,999.99 from Purchaser 4, wire FW-4
[1.1, 1.3] deposit D5 of USD 5,000.00 from Acme Holdings, wire S1 [flagged: unknownSender]
[2.11] counsel costs of USD 1,000.01 claimed for Outside Counsel LLP
[1.7] nir-waiver not received by 2005-09-02 end of day America/New_York: release is no longer possible; funds go back
[1.7] refund of USD 8,003,999.97 fell due: USD 2,999,625.23 to Purchaser 1; USD 2,499,687.68 to Purchaser 2; USD 1,499,812.61 to Purchaser 3; USD 999,875.07 to Purchaser 4; USD 4,999.38 to Acme Holdings
[1.7] refunded USD 5,999.39: USD 1,000.01 to Outside Counsel LLP; USD 4,999.38 to Acme Holdings
[2.8] signing key registered for Purchaser 1 (oSmwqaHYajUn…)
[1.6, 1.7] written wire instructions from Purchaser 1: 1 account(s); relied on Ed25519 signature verified (key oSmwqaHYajUn…, message sha256 542a16fa6242…)
[1.7] refunded USD 2,999,625.23: USD 2,999,625.23 to Purchaser 1
posting [1.1] debit held  credit deposits  USD 3,000,000.00
posting [1.1] debit held  credit deposits  USD 2,499,999.99
posting [1.1] debit held  credit deposits  USD 1,500,000.00
posting [1.1] debit held  credit deposits  USD 999,999.99
posting [1.1] debit held  credit deposits  USD 5,000.00
posting [2.11] debit paid-out:Outside Counsel LLP  credit held  USD 1,000.01
posting [1.7] debit refunded:Acme Holdings  credit held  USD 4,999.38
posting [1.7] debit refunded:purchaser-1  credit held  USD 2,999,625.23
balance deposits -800499998
balance held 499937536
balance paid-out:Outside Counsel LLP 100001
balance refunded:Acme Holdings 499938
balance refunded:purchaser-1 299962523
notice [1.7] ["Acme Holdings"] refund of USD 4,999.38 to return of wire S1
notice [1.7] ["Purchaser 1", "Purchaser 2", "Purchaser 3", "Purchaser 4", "ROO Group, Inc."] nir-waiver not received by 2005-09-02 end of day America/New_York; the funds are returned
notice [1.7] ["Purchaser 1"] refund of USD 2,999,625.23 due, to be paid on your signed written wire instructions
notice [1.7] ["Purchaser 2"] refund of USD 2,499,687.68 due, to be paid on your signed written wire instructions
notice [1.7] ["Purchaser 3"] refund of USD 1,499,812.61 due, to be paid on your signed written wire instructions
notice [1.7] ["Purchaser 4"] refund of USD 999,875.07 due, to be paid on your signed written wire instructions
notice [1.7] ["Purchaser 1"] refund of USD 2,999,625.23 to Purchaser 1, Bank of America, N.A., ABA 026009593, acct 200011114444
next refunds owed await each depositor's signed written wire instructions: USD 2,499,687.68 to Purchaser 2, USD 1,499,812.61 to Purchaser 3, USD 999,875.07 to Purchaser 4 (1.7)
"""##
}
