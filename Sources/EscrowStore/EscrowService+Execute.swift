public import EscrowCore
public import Foundation

/// The write path: commands decided in their escrow's turn and committed together.
extension EscrowService {
    /// Decides and records one command against the escrow's latest state.
    ///
    /// Commands to one escrow are decided one after another, each against the state that
    /// includes the commands decided before it but not yet committed; their appends are
    /// committed together (``GroupCommitter``). A command is answered only once its events
    /// are durable. If the log turns out not to be what the command was decided against
    /// (another process wrote, or an earlier append failed), it is decided again.
    public func execute(
        _ command: EscrowCommand, on escrowID: EscrowID, at now: Date, idempotencyKey: String? = nil
    ) async throws(ServiceError) -> Outcome {
        let key = idempotencyKey.map { IdempotencyKey(key: $0, commandDigest: command.digest) }
        var attempt = 0
        while true {
            let request: AppendRequest
            let decided: [EscrowEvent]
            let head: WriteLanes.Head
            // A retry looks at the log itself: the last attempt found it moved on.
            let lag = attempt == 0 ? externalWritesLag : .zero
            switch try await decideInTurn(command, on: escrowID, at: now, key: key, lag: lag) {
            case .replay(let sequences):
                let answered = try await records(of: escrowID, in: sequences)
                return Outcome(
                    events: answered, domainEvents: try Self.decode(answered), replayed: true, state: try await current(escrowID).entry.state)
            case .refusedOnPending(let refusal, let failuresBefore):
                // Refused against appends not yet committed: the refusal stands once they
                // all are; if any failed, the command is decided again.
                await committer.barrier()
                guard lanes.failureCount != failuresBefore, attempt < conflictRetriesMax else { throw .refused(refusal) }
                attempt += 1
                continue
            case .submitted(let append, let events, let leadingTo):
                (request, decided, head) = (append, events, leadingTo)
            }
            let (result, wroteAsDecided) = await withCheckedContinuation { (answer: CheckedContinuation<(Result<AppendResult, StoreError>, Bool), Never>) in
                // In turn still: the next command of this escrow decides on top of this head
                // and queues its append behind this one.
                lanes.submitted(escrowID, leadingTo: head)
                committer.submit(request) { [cache, lanes, uptime] result in
                    // Bookkeeping happens here, in commit order, before any later append's answer.
                    let wroteAsDecided =
                        if case .success(let answer) = result, case .appended = answer.outcome,
                            (answer.recorded.last?.hash ?? request.expectedLastHash) == head.lastHash
                        { true } else { false }
                    if wroteAsDecided {
                        cache.store(
                            StateCache.Entry(state: head.state, lastSequence: head.lastSequence, lastHash: head.lastHash, syncedAt: uptime()),
                            for: escrowID)
                    }
                    lanes.answered(escrowID, trustworthy: wroteAsDecided)
                    answer.resume(returning: (result, wroteAsDecided))
                }
                lanes.leave(escrowID)
            }
            switch result {
            case .success(let answer) where wroteAsDecided:
                return Outcome(events: answer.recorded, domainEvents: decided, replayed: false, state: head.state)
            case .success(let answer):
                // Not written as decided: the key was recorded by a concurrent retry of the same command.
                let (entry, _) = try await current(escrowID)
                let answered = try await records(of: escrowID, in: answer.outcome.sequences)
                return Outcome(events: answered, domainEvents: try Self.decode(answered), replayed: true, state: entry.state)
            case .failure(.sequenceConflict) where attempt < conflictRetriesMax:
                attempt += 1
                // Another process keeps appending to this escrow: after the first rounds, a short
                // random pause lets a writer that needs no fresh read (it decides on its own pending
                // appends) pass, so this command is decided on a state that then holds still.
                if attempt > 2 { try? await Task.sleep(for: .milliseconds(Int.random(in: 1...min(attempt, 20)))) }
            case .failure(let error):
                throw .store(error)
            }
        }
    }

    /// What deciding a command in its escrow's turn led to.
    enum Decision {
        /// The key was answered before, with these sequences: nothing to decide. The turn is left.
        case replay(ClosedRange<Int64>?)
        /// Refused against a state that includes appends not yet committed, when
        /// ``WriteLanes/failureCount`` was as given. The turn is left.
        case refusedOnPending(EscrowRefusal, failuresBefore: Int)
        /// An append to hand to the committer, the events it holds, and the head it leads to.
        /// The turn is still held.
        case submitted(AppendRequest, [EscrowEvent], WriteLanes.Head)
    }

    /// Waits for the escrow's turn and decides the command against the head of its log,
    /// pending appends included. Leaves the turn unless it answers ``Decision/submitted(_:_:_:)``.
    func decideInTurn(
        _ command: EscrowCommand, on escrowID: EscrowID, at now: Date, key: IdempotencyKey?, lag: Duration
    ) async throws(ServiceError) -> Decision {
        await lanes.enter(escrowID)
        do throws(ServiceError) {
            let base: WriteLanes.Head
            let (pending, failuresBefore) = lanes.head(escrowID)
            if let pending {
                base = pending
            } else {
                let entry = try await current(escrowID, lag: lag).entry
                base = WriteLanes.Head(state: entry.state, lastSequence: entry.lastSequence, lastHash: entry.lastHash)
            }
            if let key, let record = try await storeCall({ () async throws(StoreError) in
                try await store.idempotencyRecord(escrowID: escrowID, key: key.key)
            }) {
                guard record.commandDigest == key.commandDigest else {
                    throw .store(.idempotencyKeyReused(key: key.key))
                }
                lanes.leave(escrowID)
                return .replay(record.sequences)
            }
            let decided: [EscrowEvent]
            let after: EscrowState
            do throws(EscrowRefusal) {
                (decided, after) = try EscrowDecider.handleFolding(command, state: base.state, at: now)
            } catch {
                guard pending != nil else { throw ServiceError.refused(error) }
                lanes.leave(escrowID)
                return .refusedOnPending(error, failuresBefore: failuresBefore)
            }
            // Still in turn: an event that cannot be encoded throws here, the turn is left below
            // and nothing of the command reaches the committer.
            let events = try Self.newEvents(decided, of: escrowID)
            let chained = RecordedEvent.chaining(events, to: escrowID, after: base.lastSequence, previousHash: base.lastHash)
            let request = AppendRequest(
                events, to: escrowID, expectedLastSequence: base.lastSequence, expectedLastHash: base.lastHash, idempotency: key)
            let head = WriteLanes.Head(state: after, lastSequence: chained.last?.sequence ?? base.lastSequence, lastHash: chained.last?.hash ?? base.lastHash)
            return .submitted(request, decided, head)
        } catch {
            lanes.leave(escrowID)
            throw error
        }
    }
}
