// IDX transactions: opened by /v1/interact, found by interaction handle (introspect) or stateHandle (every
// other step), restarted by cancel, and finished with a single-use interaction code. Expiry is computed
// from the current lifetimes when a record is used.
import { opaqueToken, randomId } from '../lib/ids.js';
import type { EmulatorState } from '../state/emulator-state.js';
import type { Authentication } from '../state/store.js';
import type { IdxTransaction, Interaction, InteractionCodeRecord } from './store.js';

export function openTransaction(state: EmulatorState, interaction: Interaction): IdxTransaction {
  const interactionHandle = opaqueToken(32);
  state.store.audit.record('interactionHandles', interactionHandle);
  return newTransaction(state, interactionHandle, interaction);
}

/** Cancel: the interaction goes on with a fresh transaction (new stateHandle, nobody identified). */
export function restartTransaction(state: EmulatorState, old: IdxTransaction): IdxTransaction {
  state.store.identityEngine.transactions.delete(old.stateHandle);
  return newTransaction(state, old.interactionHandle, old.interaction);
}

function newTransaction(state: EmulatorState, interactionHandle: string, interaction: Interaction): IdxTransaction {
  const tx: IdxTransaction = {
    interactionHandle,
    // Okta's stateHandles start with 02 and are 42 characters long.
    stateHandle: randomId('02', 40),
    interaction,
    createdAt: Date.now(),
    verified: [],
    step: { name: 'identify' },
    requests: [],
  };
  const store = state.store.identityEngine;
  store.transactions.set(tx.stateHandle, tx);
  store.handles.set(interactionHandle, tx.stateHandle);
  state.store.audit.record('stateHandles', tx.stateHandle);
  return tx;
}

export function transactionExpiresAt(state: EmulatorState, tx: IdxTransaction): number {
  return tx.createdAt + state.lifetimes().idxTransactionSeconds * 1000;
}

/** The live transaction a stateHandle names; expired ones are dropped on sight. */
export function transactionByStateHandle(state: EmulatorState, stateHandle: string | undefined): IdxTransaction | undefined {
  if (!stateHandle) return undefined;
  const store = state.store.identityEngine;
  const tx = store.transactions.get(stateHandle);
  if (!tx) return undefined;
  if (transactionExpiresAt(state, tx) <= Date.now()) {
    store.transactions.delete(stateHandle);
    store.handles.delete(tx.interactionHandle);
    return undefined;
  }
  return tx;
}

export function transactionByInteractionHandle(state: EmulatorState, handle: string | undefined): IdxTransaction | undefined {
  if (!handle) return undefined;
  return transactionByStateHandle(state, state.store.identityEngine.handles.get(handle));
}

/** The transaction is done: its interaction code, redeemable once within interactionCodeSeconds. */
export function issueInteractionCode(state: EmulatorState, tx: IdxTransaction, auth: Authentication): string {
  const code = opaqueToken(32);
  const record: InteractionCodeRecord = { ...auth, code, interaction: tx.interaction, issuedAt: Date.now() };
  state.store.identityEngine.interactionCodes.set(code, record);
  state.store.audit.record('interactionCodes', code);
  tx.step = { name: 'success', code };
  return code;
}

/** A live interaction code (unknown, spent or older than interactionCodeSeconds: undefined). */
export function liveInteractionCode(state: EmulatorState, code: string | null): InteractionCodeRecord | undefined {
  if (!code) return undefined;
  const codes = state.store.identityEngine.interactionCodes;
  const record = codes.get(code);
  if (!record) return undefined;
  if (record.issuedAt + state.lifetimes().interactionCodeSeconds * 1000 <= Date.now()) {
    codes.delete(code);
    return undefined;
  }
  return record;
}

/** Single use: spent on the first successful exchange. */
export function spendInteractionCode(state: EmulatorState, code: string): void {
  state.store.identityEngine.interactionCodes.delete(code);
}
