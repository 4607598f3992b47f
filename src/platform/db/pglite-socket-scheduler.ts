import type { PGlite } from '@electric-sql/pglite';
import type { MutexInterface } from 'async-mutex';
import type { PgliteSessionGate } from './pglite-session-gate.ts';

/**
 * Decides when each socket client may talk to the one PGlite session. It takes the place of
 * pglite-socket's own query queue, which serialises single protocol messages and keeps a client's
 * turn only while PostgreSQL reports an open transaction block: an extended-protocol batch
 * (Parse/Bind/Execute/Sync) of one client could then be cut by another's (electric-sql/pglite#1046),
 * and statements of this process, which do not go through that queue, could run inside a socket
 * client's transaction. Here a client holds the session gate for a whole unit of work:
 *
 * - a unit starts with the client's first message while it does not hold the gate;
 * - it ends after a Sync or simple Query (they answer ReadyForQuery) when no transaction block is
 *   left open, or when the client leaves (its open transaction is rolled back, as PostgreSQL does
 *   for a dropped connection);
 * - a unit left idle for `unitIdleTimeoutMs` (a client stuck inside a transaction) has its
 *   connection closed, like PostgreSQL's idle_in_transaction_session_timeout.
 *
 * Messages of one client run in the order they arrived, one at a time.
 */

type Unit = { handlerId: number; release: MutexInterface.Releaser; idleTimer: NodeJS.Timeout | null };

const PROTOCOL_3_0 = 196608;
const SYNC = 0x53; // 'S'
const QUERY = 0x51; // 'Q'
const TERMINATE = 0x58; // 'X'

function isStartupMessage(message: Uint8Array): boolean {
  if (message.length < 8) return false;
  return new DataView(message.buffer, message.byteOffset, message.byteLength).getInt32(4) === PROTOCOL_3_0;
}

/** After these the backend answers ReadyForQuery: the end of a unit, unless a transaction stays open. */
function answersReadyForQuery(message: Uint8Array): boolean {
  return isStartupMessage(message) || message[0] === SYNC || message[0] === QUERY;
}

export class PgliteSocketScheduler {
  #unit: Unit | null = null;
  #chains = new Map<number, Promise<number>>();
  #departed = new Set<number>();

  constructor(
    private readonly pglite: PGlite,
    private readonly gate: PgliteSessionGate,
    private readonly options: { unitIdleTimeoutMs: number; onIdleUnit: (handlerId: number) => void },
  ) {}

  /** Called by the socket handler for each complete message; resolves with the bytes answered. */
  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    const previous = this.#chains.get(handlerId) ?? Promise.resolve(0);
    const next = previous.catch(() => 0).then(() => this.#run(handlerId, message, onData));
    this.#chains.set(handlerId, next);
    return next;
  }

  /** The client is gone: what it had queued is dropped. */
  clearQueueForHandler(handlerId: number): void {
    this.#departed.add(handlerId);
  }

  /** The client is gone: once its last message is done, its unit (and any open transaction) ends. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    this.#departed.add(handlerId);
    await this.#chains.get(handlerId)?.catch(() => 0);
    this.#chains.delete(handlerId);
    if (this.#unit?.handlerId === handlerId) await this.#rollbackAndEndUnit();
    // The handler sends nothing more once detached (it checks that it is still active first).
    this.#departed.delete(handlerId);
  }

  async #run(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    if (this.#departed.has(handlerId)) throw new Error('Handler disconnected');
    // PGlite has no backend to end: a Terminate only ends the client's unit (see clearTransactionIfNeeded).
    if (message[0] === TERMINATE && !isStartupMessage(message)) return 0;
    if (this.#unit?.handlerId !== handlerId) {
      const release = await this.gate.acquire();
      if (this.#departed.has(handlerId)) {
        release();
        throw new Error('Handler disconnected');
      }
      this.#unit = { handlerId, release, idleTimer: null };
    }
    const unit = this.#unit;
    if (unit.idleTimer) clearTimeout(unit.idleTimer);
    unit.idleTimer = null;
    let answered = 0;
    try {
      await this.pglite.runExclusive(() =>
        this.pglite.execProtocolRawStream(message, {
          onRawData: (data) => {
            answered += data.length;
            onData(data);
          },
        }),
      );
    } catch (error) {
      // PGlite itself failed (not a SQL error, those are answered in the protocol): free the session.
      await this.#rollbackAndEndUnit();
      throw error;
    }
    if (answersReadyForQuery(message) && !this.pglite.isInTransaction()) this.#endUnit();
    else
      unit.idleTimer = setTimeout(() => this.options.onIdleUnit(handlerId), this.options.unitIdleTimeoutMs);
    return answered;
  }

  async #rollbackAndEndUnit(): Promise<void> {
    if (!this.#unit) return;
    try {
      // Still inside the unit (we hold the gate): nobody else's transaction can be hit by this.
      if (this.pglite.isInTransaction()) await this.pglite.exec('ROLLBACK');
    } finally {
      this.#endUnit();
    }
  }

  #endUnit(): void {
    const unit = this.#unit;
    if (!unit) return;
    this.#unit = null;
    if (unit.idleTimer) clearTimeout(unit.idleTimer);
    unit.release();
  }
}
