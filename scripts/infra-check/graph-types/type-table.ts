/**
 * A Bicep types package as `bicep publish-extension` reads it: `types.json`, an array of type
 * nodes that point at each other by `{"$ref": "#/<index>"}`, and `index.json`, which names each
 * resource type's node and the extension's settings. The node kinds and property flags are the
 * ones the Azure.Bicep.Types contracts define (ObjectTypePropertyFlags).
 */

/** A property's flags: combine with `|`. */
export const Flag = {
  None: 0,
  Required: 1 << 0,
  ReadOnly: 1 << 1,
  WriteOnly: 1 << 2,
  /** Must be known when the deployment starts (no runtime values). */
  DeployTimeConstant: 1 << 3,
  /** Names the resource; the only properties an `existing` declaration may set. */
  Identifier: 1 << 4,
} as const;

export interface TypeRef {
  $ref: string;
}

type TypeNode = { $type: string } & Record<string, unknown>;

export interface Property {
  type: TypeRef;
  flags: number;
  description: string;
}

export interface TypesPackage {
  /** File name -> JSON text. */
  files: Record<"index.json" | "types.json", string>;
}

export class TypeTable {
  private readonly nodes: TypeNode[] = [];
  private readonly shared = new Map<string, TypeRef>();
  private readonly resources: Record<string, TypeRef> = {};

  private add(node: TypeNode): TypeRef {
    this.nodes.push(node);
    return { $ref: `#/${this.nodes.length - 1}` };
  }

  /** One node per distinct simple type, so the file stays small. */
  private once(node: TypeNode): TypeRef {
    const key = JSON.stringify(node);
    const existing = this.shared.get(key);
    if (existing) return existing;
    const ref = this.add(node);
    this.shared.set(key, ref);
    return ref;
  }

  string(): TypeRef {
    return this.once({ $type: "StringType" });
  }

  bool(): TypeRef {
    return this.once({ $type: "BooleanType" });
  }

  int(): TypeRef {
    return this.once({ $type: "IntegerType" });
  }

  /** A complex value this package does not model property by property. */
  any(): TypeRef {
    return this.once({ $type: "AnyType" });
  }

  /** One of the given strings and nothing else. */
  oneOf(values: readonly string[]): TypeRef {
    const elements = values.map((value) => this.once({ $type: "StringLiteralType", value }));
    return this.once({ $type: "UnionType", elements });
  }

  array(item: TypeRef): TypeRef {
    return this.once({ $type: "ArrayType", itemType: item });
  }

  /** A closed object: a property not listed here is a compiler warning. */
  object(name: string, properties: Record<string, Property>): TypeRef {
    return this.add({ $type: "ObjectType", name, properties });
  }

  /** `name` is the full type reference, e.g. "Microsoft.Graph/applications@v1.0". */
  resource(name: string, body: TypeRef): void {
    // A resource type that is not an Azure resource has no deployment scope of its own.
    this.resources[name] = this.add({ $type: "ResourceType", name, scopeType: 0, body, flags: 0 });
  }

  /** The two files, for an extension named `name` at `version` (what ARM records per import). */
  package(name: string, version: string): TypesPackage {
    const resources = Object.fromEntries(
      Object.entries(this.resources).map(([type, ref]) => [type, { $ref: `types.json${ref.$ref}` }]),
    );
    const index = { resources, resourceFunctions: {}, settings: { name, version, isSingleton: false } };
    return {
      files: {
        "index.json": JSON.stringify(index, null, 2),
        "types.json": JSON.stringify(this.nodes, null, 2),
      },
    };
  }
}

/** Shorthand for a property entry. */
export function prop(type: TypeRef, flags: number, description: string): Property {
  return { type, flags, description };
}
