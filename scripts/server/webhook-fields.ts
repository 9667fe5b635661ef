// A streaming scanner of JSON that keeps only a few string fields of it: what the webhook needs
// of a Strapi event (event, model, uid, entry.documentId, entry.locale), which Strapi sends
// with the whole entry, megabytes for a long study. It checks the JSON grammar byte by byte
// (structural characters are ASCII, and no byte of a multi-byte UTF-8 character is below 0x80,
// so bytes are enough), keeps a stack of open containers and, for the wanted paths, the raw
// bytes of their string values. Everything else passes through without being kept.

/** The paths the webhook needs; 'entry' is only typed, its strings are never kept. */
const SCANNED_PATHS = ['event', 'model', 'uid', 'entry', 'entry.documentId', 'entry.locale'] as const;
export type ScannedPath = (typeof SCANNED_PATHS)[number];
const KEPT_STRINGS: readonly ScannedPath[] = ['event', 'model', 'uid', 'entry.documentId', 'entry.locale'];
/** Keys of the top-level object, and of entry's, that name a scanned path. Maps, not objects:
 * a key such as "constructor" or "entry.documentId" must not match anything. */
const TOP_LEVEL_PATHS = new Map<string, ScannedPath>([
  ['event', 'event'],
  ['model', 'model'],
  ['uid', 'uid'],
  ['entry', 'entry'],
]);
const ENTRY_PATHS = new Map<string, ScannedPath>([
  ['documentId', 'entry.documentId'],
  ['locale', 'entry.locale'],
]);

/** A value at a scanned path: its JSON type, and for the strings kept, their text (null: not kept). */
export type ScannedValue = { type: 'string'; value: string | null } | { type: 'null' | 'boolean' | 'number' | 'object' | 'array' };
export type ScannedFields = Partial<Record<ScannedPath, ScannedValue>>;

export type ScanResult =
  | { status: 'more' }
  /** bytesUsed: where in the whole body the scan ended (what follows was not read). */
  | { status: 'complete'; fields: ScannedFields; bytesUsed: number }
  | { status: 'invalid'; reason: string }
  | { status: 'field-too-large'; path: ScannedPath };

/** How a scan ended: anything but 'more'. */
export type ScanEnd = Exclude<ScanResult, { status: 'more' }>;

export interface FieldScanner {
  write(chunk: Buffer): ScanResult;
  /** The body ended: complete if the top-level object closed, invalid otherwise. */
  end(): ScanEnd;
}

/** Raw bytes kept of one wanted string (escapes included); the schema's limits are far below. */
export const MAX_KEPT_STRING_BYTES = 1024;
/** Keys longer than this cannot be one of ours, so they are not kept either. */
const MAX_KEPT_KEY_BYTES = 64;
/** Deeper than any Strapi entry; a stack of open containers this deep is a made-up body. */
const MAX_JSON_DEPTH = 1024;

// What the scanner expects next.
const VALUE = 0; // any value (after ':', ',' in an array, or '[')
const FIRST_VALUE_OR_CLOSE = 1; // after '[': a value or ']'
const FIRST_KEY_OR_CLOSE = 2; // after '{': a key or '}'
const KEY = 3; // after ',' in an object
const COLON = 4;
const AFTER_VALUE = 5; // ',' or the container's closer
const IN_STRING = 6;
const IN_NUMBER = 7;
const IN_LITERAL = 8;
const DONE = 9;

// Where inside a number (JSON's grammar: -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?).
const N_AFTER_MINUS = 0;
const N_AFTER_ZERO = 1;
const N_INT = 2;
const N_AFTER_POINT = 3;
const N_FRACTION = 4;
const N_AFTER_E = 5;
const N_AFTER_E_SIGN = 6;
const N_EXPONENT = 7;
const NUMBER_CAN_END = new Set([N_AFTER_ZERO, N_INT, N_FRACTION, N_EXPONENT]);

/** The next state of a number after one more byte: 'end' when the byte is not part of it
 * (the number may end there), 'bad' when the number cannot go on or end. */
const nextNumberState = (numberState: number, byte: number): number | 'end' | 'bad' => {
  const digit = byte >= 0x30 && byte <= 0x39;
  const exponent = byte === 0x65 || byte === 0x45;
  switch (numberState) {
    case N_AFTER_MINUS:
      return !digit ? 'bad' : byte === 0x30 ? N_AFTER_ZERO : N_INT;
    case N_AFTER_ZERO:
      return byte === 0x2e ? N_AFTER_POINT : exponent ? N_AFTER_E : 'end';
    case N_INT:
      return digit ? N_INT : byte === 0x2e ? N_AFTER_POINT : exponent ? N_AFTER_E : 'end';
    case N_AFTER_POINT:
      return digit ? N_FRACTION : 'bad';
    case N_FRACTION:
      return digit ? N_FRACTION : exponent ? N_AFTER_E : 'end';
    case N_AFTER_E:
      return digit ? N_EXPONENT : byte === 0x2b || byte === 0x2d ? N_AFTER_E_SIGN : 'bad';
    case N_AFTER_E_SIGN:
      return digit ? N_EXPONENT : 'bad';
    default:
      return digit ? N_EXPONENT : 'end';
  }
};

const OBJECT = 0;
const ARRAY = 1;

const isWhitespace = (byte: number): boolean => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
const isHex = (byte: number): boolean => (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66);
/** The characters JSON allows after a backslash: " \ / b f n r t (u is handled apart). */
const SIMPLE_ESCAPES = new Set([0x22, 0x5c, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74]);

/** The text of a JSON string from its raw bytes between the quotes, escapes and all. */
const decodeJsonString = (raw: Buffer): string => JSON.parse(`"${raw.toString('utf8')}"`) as string;

export const createFieldScanner = (): FieldScanner => {
  let state = VALUE;
  /** Once complete, the scanner says so to every later call. */
  let completed = false;
  /** Open containers, OBJECT or ARRAY, outermost first. */
  const stack: number[] = [];
  let used = 0;
  const fields: ScannedFields = {};

  // The string being read: is it a key, and is it kept (which path, or a key at depth 1 or 2)?
  let stringIsKey = false;
  let keepKey = false;
  let keptPath: ScannedPath | null = null;
  let kept: Buffer[] = [];
  let keptBytes = 0;
  let afterBackslash = false;
  let hexDigitsLeft = 0;
  /** Within the top-level object, the key whose value is being read, and within entry likewise
   * (null: a key too long to be one of ours). */
  let topKey: string | null = null;
  let entryKey: string | null = null;
  let numberState = N_INT;
  let literal = '';
  let literalIndex = 0;

  const invalid = (reason: string): ScanEnd => ({ status: 'invalid', reason: `${reason} at byte ${used}` });
  /** Invalid at this offset of the chunk being read. */
  const failAt = (offset: number, reason: string): ScanResult => {
    used += offset;
    return invalid(reason);
  };

  /** The wanted path the value starting now sits at, if any. */
  const pathOfValue = (): ScannedPath | null => {
    if (stack.length === 1 && topKey !== null) return TOP_LEVEL_PATHS.get(topKey) ?? null;
    if (stack.length === 2 && stack[1] === OBJECT && topKey === 'entry' && entryKey !== null) return ENTRY_PATHS.get(entryKey) ?? null;
    return null;
  };

  /** Every kept path is known: nothing later in the body can matter (JSON.parse would keep
   * the last of duplicate keys; Strapi never repeats one, and reading on to find out is what
   * this scanner exists to avoid). */
  const everythingKnown = (): boolean => fields.entry?.type === 'object' && KEPT_STRINGS.every((path) => fields[path] !== undefined);

  const record = (path: ScannedPath | null, value: ScannedValue): void => {
    if (!path) return;
    // A later 'entry' replaces the earlier one whole, as in JSON.parse.
    if (path === 'entry') {
      delete fields['entry.documentId'];
      delete fields['entry.locale'];
    }
    fields[path] = value;
  };

  const openContainer = (type: number, offset: number): ScanResult | null => {
    if (stack.length >= MAX_JSON_DEPTH) return failAt(offset, `JSON nested deeper than ${MAX_JSON_DEPTH}`);
    record(pathOfValue(), { type: type === OBJECT ? 'object' : 'array' });
    stack.push(type);
    state = type === OBJECT ? FIRST_KEY_OR_CLOSE : FIRST_VALUE_OR_CLOSE;
    return null;
  };

  const closeContainer = (): void => {
    stack.pop();
    // Leaving entry's object, or a member of the top-level object: its key no longer applies.
    if (stack.length === 1) entryKey = null;
    state = stack.length === 0 ? DONE : AFTER_VALUE;
  };

  const startString = (isKey: boolean): void => {
    stringIsKey = isKey;
    keepKey = isKey && (stack.length === 1 || (stack.length === 2 && topKey === 'entry'));
    keptPath = isKey ? null : pathOfValue();
    if (keptPath && !KEPT_STRINGS.includes(keptPath)) {
      // entry as a string: typed, never kept.
      record(keptPath, { type: 'string', value: null });
      keptPath = null;
    }
    kept = [];
    keptBytes = 0;
    afterBackslash = false;
    hexDigitsLeft = 0;
    state = IN_STRING;
  };

  const endString = (): void => {
    if (stringIsKey) {
      const key = keepKey && keptBytes <= MAX_KEPT_KEY_BYTES ? decodeJsonString(Buffer.concat(kept)) : null;
      if (stack.length === 1) topKey = key;
      else if (stack.length === 2 && topKey === 'entry') entryKey = key;
      state = COLON;
    } else {
      if (keptPath) record(keptPath, { type: 'string', value: decodeJsonString(Buffer.concat(kept)) });
      state = AFTER_VALUE;
    }
    kept = [];
  };

  /** A value starts with this byte, at this offset of the chunk. Returns an error, or null when the byte was taken. */
  const startValue = (byte: number, offset: number): ScanResult | null => {
    if (byte === 0x22) {
      startString(false);
      return null;
    }
    if (byte === 0x7b) return openContainer(OBJECT, offset);
    if (byte === 0x5b) return openContainer(ARRAY, offset);
    if (byte === 0x2d || (byte >= 0x30 && byte <= 0x39)) {
      record(pathOfValue(), { type: 'number' });
      numberState = byte === 0x2d ? N_AFTER_MINUS : byte === 0x30 ? N_AFTER_ZERO : N_INT;
      state = IN_NUMBER;
      return null;
    }
    literal = byte === 0x74 ? 'true' : byte === 0x66 ? 'false' : byte === 0x6e ? 'null' : '';
    if (!literal) return failAt(offset, `Unexpected character ${JSON.stringify(String.fromCharCode(byte))}`);
    record(pathOfValue(), literal === 'null' ? { type: 'null' } : { type: 'boolean' });
    literalIndex = 1;
    state = IN_LITERAL;
    return null;
  };

  const complete = (): ScanEnd => {
    completed = true;
    return { status: 'complete', fields, bytesUsed: used };
  };

  const write = (chunk: Buffer): ScanResult => {
    if (completed) return complete();
    let i = 0;
    // The start of the part of this chunk that belongs to a kept string.
    let keptFrom = -1;
    const keepUpTo = (end: number): ScanResult | null => {
      if (keptFrom < 0) return null;
      keptBytes += end - keptFrom;
      const limit = stringIsKey ? MAX_KEPT_KEY_BYTES : MAX_KEPT_STRING_BYTES;
      if (keptBytes > limit) {
        if (keptPath) return { status: 'field-too-large', path: keptPath };
        keepKey = false; // a key this long is none of ours; stop keeping it
      } else kept.push(Buffer.from(chunk.subarray(keptFrom, end)));
      keptFrom = -1;
      return null;
    };
    while (i < chunk.length) {
      const byte = chunk[i] as number;
      if (state === IN_STRING) {
        if (keptFrom < 0 && (keptPath || keepKey)) keptFrom = i;
        // The hot loop: most of a body is text inside strings nobody keeps.
        for (; i < chunk.length; i += 1) {
          const c = chunk[i] as number;
          if (hexDigitsLeft > 0) {
            if (!isHex(c)) return failAt(i, 'Bad \\u escape');
            hexDigitsLeft -= 1;
          } else if (afterBackslash) {
            afterBackslash = false;
            if (c === 0x75) hexDigitsLeft = 4;
            else if (!SIMPLE_ESCAPES.has(c)) return failAt(i, 'Bad escape');
          } else if (c === 0x5c) afterBackslash = true;
          else if (c === 0x22) break;
          else if (c < 0x20) return failAt(i, 'Control character in a string');
        }
        const tooLarge = keepUpTo(i);
        if (tooLarge) return tooLarge;
        if (i === chunk.length) break;
        i += 1; // the closing quote
        endString();
        if (everythingKnown()) {
          used += i;
          return complete();
        }
        continue;
      }
      if (state === IN_NUMBER) {
        const next = nextNumberState(numberState, byte);
        if (next === 'bad') return failAt(i, 'Bad number');
        if (next !== 'end') {
          numberState = next;
          i += 1;
          continue;
        }
        if (!NUMBER_CAN_END.has(numberState)) return failAt(i, 'Unfinished number');
        state = AFTER_VALUE; // and this byte is read again, as what follows the number
        continue;
      }
      if (state === IN_LITERAL) {
        if (byte !== literal.charCodeAt(literalIndex)) return failAt(i, 'Bad literal');
        literalIndex += 1;
        i += 1;
        if (literalIndex === literal.length) state = AFTER_VALUE;
        continue;
      }
      i += 1;
      if (isWhitespace(byte)) continue;
      let error: ScanResult | null = null;
      switch (state) {
        case VALUE:
          // The top level must be an object: a webhook is one.
          error = stack.length === 0 && byte !== 0x7b ? failAt(i - 1, 'The body is not a JSON object') : startValue(byte, i - 1);
          break;
        case FIRST_VALUE_OR_CLOSE:
          if (byte === 0x5d) closeContainer();
          else error = startValue(byte, i - 1);
          break;
        case FIRST_KEY_OR_CLOSE:
        case KEY:
          if (byte === 0x7d && state === FIRST_KEY_OR_CLOSE) closeContainer();
          else if (byte === 0x22) startString(true);
          else error = failAt(i - 1, 'Expected a key');
          break;
        case COLON:
          if (byte === 0x3a) state = VALUE;
          else error = failAt(i - 1, "Expected ':'");
          break;
        case AFTER_VALUE: {
          const container = stack[stack.length - 1];
          if (byte === 0x2c) state = container === OBJECT ? KEY : VALUE;
          else if ((byte === 0x7d && container === OBJECT) || (byte === 0x5d && container === ARRAY)) closeContainer();
          else error = failAt(i - 1, "Expected ',' or the end of an object or array");
          break;
        }
        default:
          break;
      }
      if (error) return error;
      // Checked after every structural byte, so a number or literal can be the last field too.
      if (state === DONE || everythingKnown()) {
        used += i;
        return complete();
      }
    }
    used += chunk.length;
    return { status: 'more' };
  };

  return {
    write,
    end: () => (completed || state === DONE ? complete() : used === 0 ? invalid('Empty body') : invalid('The body ends before its JSON does')),
  };
};

// ---------------------------------------------------------------------------------------------
// Reading and answering.

