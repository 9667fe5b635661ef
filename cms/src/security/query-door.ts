// The content API is a query engine in the hands of whoever holds a token. Strapi pins the rows
// a request is about to their status, but not the rows its filters and sorts reach through a
// relation: `filters[localizations][theme][$contains]=…` joins by documentId and matched the
// *draft* of the other locale, so whether the published document came back told whether its
// unpublished translation held a word (measured on 5.54, and with Strapi's own read-only token
// type too); `sort=localizations.theme` ordered by it; `populate[cover][populate]=*` followed the
// upload's `related` morph relation into draft rows. Every one of those shapes is legal Strapi.
//
// So the door lets through only the shapes the pipeline needs, checked against the schemas
// (a type, field or relation added later is judged by the same rules), and refuses the rest
// with a 400 naming the parameter, before any controller runs:
// - filters name the type's own scalar fields, with operators that fit the field's type and
//   operands that parse as it (a 500 from the database otherwise: `[$eq][$ne]`, `[year][$gt]=abc`);
//   a relation only by the documentId of what it points at, and only relations to content
//   types that schema.json declares (never `localizations`, never createdBy/updatedBy, never
//   through media or components), one level deep;
// - sorts name the type's own scalar fields only;
// - populate names declared relations, media and components, with `fields` and nested
//   `populate` and nothing else (no filters, sorts or `*` below the top level); `populate=*` at
//   the top is Strapi's own status-aware populate of one level, which the tests check through
//   every relation;
// - fields name scalar fields.
// The draft guard (draft-guard.ts) still pins every read, and every relation filter that gets
// through, to published rows: the door narrows what can be asked, the guard what can be read.
import { SCALAR_TYPES, isOperandOf, operatorsOf } from './query-operands';

export interface DoorAttribute {
  type: string;
  target?: string;
  component?: string;
  private?: boolean;
  /** Set by i18n on `localizations`, a join by documentId rather than by row. */
  unstable_virtual?: boolean;
}

export interface DoorModel {
  attributes: Record<string, DoorAttribute>;
}

/** Content types, components and plugin models by uid (strapi.getModel). */
export type ModelLookup = (uid: string) => DoorModel | undefined;

export interface Refusal {
  status: 400 | 403;
  /** The query parameter at fault, as the client wrote it (filters[a][b]). */
  param: string;
  message: string;
}

/** A list (find, export) takes filters, sorts and pages; one document (findOne, a single type) does not. */
export type RouteShape = 'list' | 'one';

const PARAMS: Record<RouteShape, Set<string>> = {
  list: new Set(['fields', 'populate', 'filters', 'sort', 'pagination', 'locale', 'status']),
  one: new Set(['fields', 'populate', 'locale', 'status']),
};
/** Parameters that select drafts or unpublished rows: refused as a matter of permission. */
const DRAFT_SELECTORS = new Set(['publicationFilter', 'hasPublishedVersion']);

/** Fields every row has besides those its schema declares. */
const ROW_FIELDS: Record<string, DoorAttribute> = { id: { type: 'integer' }, documentId: { type: 'string' } };

// Bounds on what one query may ask: the pipeline's largest is 40 conditions, two deep.
const MAX_CONDITIONS = 200;
const MAX_DEPTH = 6;
const MAX_POPULATE_DEPTH = 4;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** qs gives lists past 20 items as objects with numeric keys. */
const asList = (value: unknown): unknown[] | null => {
  if (Array.isArray(value)) return value;
  if (isObject(value) && Object.keys(value).every((key) => /^\d+$/.test(key))) return Object.values(value);
  return null;
};

class Refused extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}

const refuse = (param: string, message: string, status: 400 | 403 = 400): never => {
  throw new Refused({ status, param, message });
};

/** An attribute a filter, sort or `fields` may name: the row's own, readable, scalar. */
const scalarOf = (model: DoorModel, name: string): DoorAttribute | null => {
  const attribute = ROW_FIELDS[name] ?? model.attributes[name];
  return attribute && !attribute.private && SCALAR_TYPES.has(attribute.type) ? attribute : null;
};

/** What `fields` may name: scalars, and rich text and JSON, which can be read but not compared. */
const readableOf = (model: DoorModel, name: string): DoorAttribute | null => {
  const attribute = ROW_FIELDS[name] ?? model.attributes[name];
  return attribute && !attribute.private && (SCALAR_TYPES.has(attribute.type) || attribute.type === 'blocks' || attribute.type === 'json') ? attribute : null;
};

/**
 * A relation the pipeline may filter by or populate: one schema.json declares, to a content
 * type (api::). Not `localizations` (virtual: it joins every row of the document, drafts too),
 * not the admin users behind createdBy/updatedBy.
 */
const declaredRelationOf = (model: DoorModel, name: string): DoorAttribute | null => {
  const attribute = model.attributes[name];
  return attribute?.type === 'relation' && !attribute.private && !attribute.unstable_virtual && attribute.target?.startsWith('api::') ? attribute : null;
};

class QueryChecker {
  private conditions = 0;

  constructor(private readonly models: ModelLookup) {}

  model(uid: string, param: string): DoorModel {
    return this.models(uid) ?? refuse(param, `${param} names something this CMS does not have`);
  }

  /** A condition on one field: a value (equality) or operators, possibly under $not. */
  private fieldCondition(attribute: DoorAttribute, value: unknown, param: string, depth: number): void {
    if (!isObject(value)) {
      this.operand(attribute, '$eq', value, param);
      return;
    }
    const operators = operatorsOf(attribute.type);
    for (const [operator, operand] of Object.entries(value)) {
      const here = `${param}[${operator}]`;
      if (operator === '$not') {
        if (!isObject(operand) || depth >= MAX_DEPTH) refuse(here, `${here} takes operators, e.g. ${here}[$eq]=…`);
        this.fieldCondition(attribute, operand, here, depth + 1);
        continue;
      }
      if (!operators.has(operator)) refuse(here, `${here}: ${operator.startsWith('$') ? `${operator} is not an operator for a ${attribute.type} field` : 'a field takes operators here, not another field'}`);
      this.operand(attribute, operator, operand, here);
    }
  }

  private operand(attribute: DoorAttribute, operator: string, operand: unknown, param: string): void {
    this.conditions += 1;
    if (this.conditions > MAX_CONDITIONS) refuse('filters', `A query may hold at most ${MAX_CONDITIONS} conditions`);
    const many = operator === '$in' || operator === '$notIn' || operator === '$between';
    const values = many ? (asList(operand) ?? [operand]) : [operand];
    if (operator === '$between' && values.length !== 2) refuse(param, `${param} takes two values`);
    if (values.length === 0 || values.length > MAX_CONDITIONS) refuse(param, `${param} takes between 1 and ${MAX_CONDITIONS} values`);
    for (const value of values) {
      if (!isOperandOf(attribute.type, operator, value)) refuse(param, `${param} must be ${operator === '$null' || operator === '$notNull' ? 'true or false' : `a ${attribute.type} value`}`);
    }
  }

  /** A relation is followed only to the documentId of what it points at. */
  private relationCondition(value: unknown, param: string, depth: number): void {
    const keys = isObject(value) ? Object.keys(value) : [];
    if (!isObject(value) || keys.length !== 1 || keys[0] !== 'documentId') {
      refuse(param, `${param}: a relation is filtered by documentId only, e.g. ${param}[documentId][$eq]=…`);
      return;
    }
    const condition = value.documentId;
    if (isObject(condition) && Object.keys(condition).some((operator) => operator !== '$eq' && operator !== '$in')) {
      refuse(`${param}[documentId]`, `${param}[documentId] takes $eq or $in`);
    }
    this.fieldCondition(ROW_FIELDS.documentId as DoorAttribute, condition, `${param}[documentId]`, depth + 1);
  }

  filters(uid: string, value: unknown, param: string, depth = 0): void {
    if (!isObject(value)) refuse(param, `${param} must be an object of conditions, e.g. ${param}[title][$eq]=…`);
    if (depth > MAX_DEPTH) refuse(param, `${param} nests too deeply`);
    const model = this.model(uid, param);
    for (const [key, operand] of Object.entries(value as Record<string, unknown>)) {
      const here = `${param}[${key}]`;
      if (key === '$and' || key === '$or') {
        const list = asList(operand);
        if (!list || list.length === 0) refuse(here, `${here} takes a list of conditions`);
        for (const [i, item] of (list as unknown[]).entries()) this.filters(uid, item, `${here}[${i}]`, depth + 1);
        continue;
      }
      if (key === '$not') {
        this.filters(uid, operand, here, depth + 1);
        continue;
      }
      const scalar = scalarOf(model, key);
      if (scalar) {
        this.fieldCondition(scalar, operand, here, depth);
        continue;
      }
      if (declaredRelationOf(model, key)) {
        this.relationCondition(operand, here, depth);
        continue;
      }
      refuse(here, `${here}: filters name this type's own fields, and its relations by documentId; ${JSON.stringify(key)} is not one of them`);
    }
  }

  sort(uid: string, value: unknown): void {
    const model = this.model(uid, 'sort');
    const field = (name: string, param: string): void => {
      if (!scalarOf(model, name)) refuse(param, `${param}: sorts name this type's own fields; ${JSON.stringify(name)} is not one of them`);
    };
    const direction = (dir: unknown, param: string): void => {
      if (typeof dir !== 'string' || !/^(asc|desc)$/i.test(dir)) refuse(param, `${param} must be asc or desc`);
    };
    const entry = (item: unknown, param: string): void => {
      if (typeof item === 'string') {
        for (const part of item.split(',')) {
          const [name = '', dir, ...rest] = part.trim().split(':');
          if (rest.length > 0) refuse(param, `${param} must be field or field:asc|desc`);
          field(name, param);
          if (dir !== undefined) direction(dir, param);
        }
        return;
      }
      if (isObject(item)) {
        for (const [name, dir] of Object.entries(item)) {
          field(name, `${param}[${name}]`);
          direction(dir, `${param}[${name}]`);
        }
        return;
      }
      refuse(param, `${param} must be field:asc|desc`);
    };
    const list = asList(value);
    if (list) list.forEach((item, i) => entry(item, `sort[${i}]`));
    else entry(value, 'sort');
  }

  fields(uid: string, value: unknown, param: string): void {
    const model = this.model(uid, param);
    const names = typeof value === 'string' ? value.split(',').map((name) => name.trim()) : asList(value);
    if (!names || names.length === 0) refuse(param, `${param} lists field names`);
    (names as unknown[]).forEach((name, i) => {
      if (typeof name !== 'string' || !readableOf(model, name)) refuse(`${param}[${i}]`, `${param}[${i}]: fields name this type's own fields; ${JSON.stringify(name)} is not one of them`);
    });
  }

  /** What `name` populates from `model`: a declared relation's type, a component, or an upload. */
  private populated(model: DoorModel, name: string, param: string): { uid: string; media: boolean } {
    const attribute = model.attributes[name];
    if (attribute?.type === 'media') return { uid: 'plugin::upload.file', media: true };
    if (attribute?.type === 'component' && attribute.component) return { uid: attribute.component, media: false };
    const relation = declaredRelationOf(model, name);
    if (relation?.target) return { uid: relation.target, media: false };
    return refuse(param, `${param}: populate names this type's relations, media and components; ${JSON.stringify(name)} is not one of them`);
  }

  populate(uid: string, value: unknown, param: string, depth = 0): void {
    if (value === '*') {
      if (depth === 0) return;
      refuse(param, `${param}=* is only available at the top level; name what to populate`);
    }
    if (depth >= MAX_POPULATE_DEPTH) refuse(param, `${param} nests too deeply`);
    const model = this.model(uid, param);
    const names = typeof value === 'string' ? value.split(',').map((name) => name.trim()) : asList(value);
    if (names) {
      names.forEach((name, i) => {
        if (typeof name !== 'string') refuse(`${param}[${i}]`, `${param}[${i}] must be a name`);
        this.populated(model, name as string, `${param}[${i}]`);
      });
      return;
    }
    if (!isObject(value)) {
      refuse(param, `${param} must name what to populate`);
      return;
    }
    for (const [name, nested] of Object.entries(value)) {
      const here = `${param}[${name}]`;
      const target = this.populated(model, name, here);
      if (nested === true || nested === 'true' || nested === false || nested === 'false') continue;
      if (!isObject(nested)) refuse(here, `${here} takes true, or fields and populate`);
      for (const [key, inner] of Object.entries(nested as Record<string, unknown>)) {
        if (key === 'fields') this.fields(target.uid, inner, `${here}[fields]`);
        else if (key === 'populate' && !target.media) this.populate(target.uid, inner, `${here}[populate]`, depth + 1);
        else refuse(`${here}[${key}]`, `${here} takes fields${target.media ? '' : ' and populate'} only; ${key} is not available through the content API`);
      }
    }
  }
}

/**
 * The refusal for a query on `uid` through a route of `shape`, or null when every part of
 * it is a shape the door lets through. Pagination and locale values are checked elsewhere
 * (they need no schema); here they are only allowed to be present.
 */
export const checkContentQuery = (query: Record<string, unknown>, uid: string, shape: RouteShape, models: ModelLookup): Refusal | null => {
  const checker = new QueryChecker(models);
  try {
    for (const [param, value] of Object.entries(query)) {
      if (DRAFT_SELECTORS.has(param)) refuse(param, `The ${param} parameter is not available through the content API`, 403);
      if (!PARAMS[shape].has(param)) refuse(param, `${param} is not available here; ${shape === 'list' ? 'a list' : 'one document'} takes ${[...PARAMS[shape]].join(', ')}`);
      // The draft guard answers status=draft (403 but for the preview token); a status given
      // twice that asks for drafts is refused as such, anything else is malformed.
      if (param === 'status' && value !== 'published' && value !== 'draft') {
        refuse(param, 'status must be published', Array.isArray(value) && value.includes('draft') ? 403 : 400);
      }
      if (param === 'filters') checker.filters(uid, value, 'filters');
      if (param === 'sort') checker.sort(uid, value);
      if (param === 'fields') checker.fields(uid, value, 'fields');
      if (param === 'populate') checker.populate(uid, value, 'populate');
    }
    return null;
  } catch (error) {
    if (error instanceof Refused) return error.refusal;
    throw error;
  }
};
