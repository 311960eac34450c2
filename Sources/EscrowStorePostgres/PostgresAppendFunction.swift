/// The server-side function that carries out a whole batch of appends in one statement.
///
/// A batch used to cost a round trip per statement of each append (savepoint, head lock,
/// idempotency check, insert, key, release). `escrow_append_batch` takes every append of the
/// batch as parallel arrays (one element per append, and the events of all appends
/// flattened into a second set of arrays) and, in the order given, for each append:
///
/// 1. locks the escrow's `escrow_head` row (`FOR UPDATE`), creating it first if missing;
/// 2. looks the idempotency key up: the same digest answers with the first sequences
///    (outcome 1), another digest refuses the key (outcome 3);
/// 3. compares the head with the sequence and hash the events were chained from; a moved
///    head is a conflict (outcome 2, with the head's sequence);
/// 4. inserts the events, moves the head and records the key (outcome 0).
///
/// Every refusal is decided before anything of that append is written, so a refused append
/// leaves nothing behind and later appends of the batch see the earlier ones. Hashes are
/// computed by the caller (``EscrowStore/RecordedEvent/chaining(_:to:after:previousHash:)``);
/// the function writes them only on top of the exact head they were chained from, so the
/// chain stays whole whatever the caller predicted.
enum PostgresAppendFunction {
    /// Outcome codes returned per append.
    enum Outcome: Int16 {
        case appended = 0
        case replayed = 1
        case conflict = 2
        case keyReused = 3
    }

    /// The migration that creates the function (PostgreSQL 11 or later).
    static let migration: [String] = [
        """
        CREATE FUNCTION escrow_append_batch(
            a_escrow TEXT[], a_expected BIGINT[], a_base_hash TEXT[], a_has_key BOOLEAN[], a_key TEXT[], a_digest TEXT[], a_count INT[],
            e_type TEXT[], e_payload BYTEA[], e_time BIGINT[], e_previous TEXT[], e_hash TEXT[], genesis TEXT)
        RETURNS TABLE (out_index INT, out_outcome SMALLINT, out_first BIGINT, out_last BIGINT)
        LANGUAGE plpgsql AS $$
        DECLARE
            events_before INT := 0;
            n INT;
            head_sequence BIGINT;
            head_hash TEXT;
            known_digest TEXT;
            known_first BIGINT;
            known_last BIGINT;
        BEGIN
            FOR i IN 1 .. coalesce(array_length(a_escrow, 1), 0) LOOP
                out_index := i;
                n := a_count[i];
                out_first := NULL;
                out_last := NULL;
                out_outcome := NULL;
                SELECT h.last_sequence, h.last_hash INTO head_sequence, head_hash
                    FROM escrow_head h WHERE h.escrow_id = a_escrow[i] FOR UPDATE;
                IF NOT FOUND THEN
                    INSERT INTO escrow_head (escrow_id, last_sequence, last_hash)
                        VALUES (a_escrow[i], 0, genesis) ON CONFLICT (escrow_id) DO NOTHING;
                    SELECT h.last_sequence, h.last_hash INTO head_sequence, head_hash
                        FROM escrow_head h WHERE h.escrow_id = a_escrow[i] FOR UPDATE;
                END IF;
                IF a_has_key[i] THEN
                    SELECT k.command_digest, k.first_sequence, k.last_sequence INTO known_digest, known_first, known_last
                        FROM idempotency k WHERE k.escrow_id = a_escrow[i] AND k.key = a_key[i];
                    IF FOUND THEN
                        IF known_digest = a_digest[i] THEN
                            out_outcome := 1;
                            out_first := known_first;
                            out_last := known_last;
                        ELSE
                            out_outcome := 3;
                        END IF;
                    END IF;
                END IF;
                IF out_outcome IS NULL THEN
                    IF head_sequence <> a_expected[i] OR head_hash <> a_base_hash[i]
                        OR (n > 0 AND e_previous[events_before + 1] <> head_hash) THEN
                        out_outcome := 2;
                        out_last := head_sequence;
                    ELSE
                        IF n > 0 THEN
                            INSERT INTO event (escrow_id, sequence, type, payload, recorded_at_ms, previous_hash, hash)
                                SELECT a_escrow[i], a_expected[i] + k, e_type[events_before + k], e_payload[events_before + k],
                                    e_time[events_before + k], e_previous[events_before + k], e_hash[events_before + k]
                                FROM generate_series(1, n) AS g(k);
                            UPDATE escrow_head SET last_sequence = a_expected[i] + n, last_hash = e_hash[events_before + n]
                                WHERE escrow_id = a_escrow[i];
                            out_first := a_expected[i] + 1;
                            out_last := a_expected[i] + n;
                        END IF;
                        IF a_has_key[i] THEN
                            INSERT INTO idempotency (escrow_id, key, command_digest, first_sequence, last_sequence)
                                VALUES (a_escrow[i], a_key[i], a_digest[i], out_first, out_last);
                        END IF;
                        out_outcome := 0;
                    END IF;
                END IF;
                events_before := events_before + n;
                RETURN NEXT;
            END LOOP;
        END;
        $$
        """
    ]
}
