// A small helper for writing ONNX graphs by hand: named nodes, constant initialisers, value infos.
import {
  AttributeType,
  DataType,
  type AttributeValue,
  type NodeValue,
  type TensorValue,
  type ValueInfo,
} from './onnxProto';

type Attribute = number | number[] | { float: number };

function bytesOf(array: Float32Array | Int8Array | BigInt64Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength).slice();
}

export class GraphBuilder {
  readonly nodes: NodeValue[] = [];
  readonly initializers: TensorValue[] = [];
  private counter = 0;

  /** Adds a node and returns the name of its (first) output. */
  op(opType: string, inputs: string[], attributes: Record<string, Attribute> = {}, output?: string): string {
    const name = output ?? `${opType.toLowerCase()}_${this.counter++}`;
    const attribute: AttributeValue[] = Object.entries(attributes).map(([key, value]) =>
      Array.isArray(value)
        ? { name: key, type: AttributeType.INTS, ints: value }
        : typeof value === 'number'
          ? { name: key, type: AttributeType.INT, i: value }
          : { name: key, type: AttributeType.FLOAT, f: value.float },
    );
    this.nodes.push({ op_type: opType, name: `${name}_node`, input: inputs, output: [name], attribute });
    return name;
  }

  floats(name: string, dims: number[], values: ArrayLike<number>): string {
    this.initializers.push({ name, dims, data_type: DataType.FLOAT, raw_data: bytesOf(Float32Array.from(values)) });
    return name;
  }

  int8s(name: string, dims: number[], values: Int8Array): string {
    this.initializers.push({ name, dims, data_type: DataType.INT8, raw_data: bytesOf(values) });
    return name;
  }

  int64s(name: string, values: number[]): string {
    const data = BigInt64Array.from(values.map((value) => BigInt(value)));
    this.initializers.push({ name, dims: [values.length], data_type: DataType.INT64, raw_data: bytesOf(data) });
    return name;
  }

  scalar(name: string, value: number): string {
    return this.floats(name, [], [value]);
  }
}

export function tensorInfo(name: string, elemType: number, dims: (number | string)[]): ValueInfo {
  return {
    name,
    type: {
      tensor_type: {
        elem_type: elemType,
        shape: { dim: dims.map((dim) => (typeof dim === 'number' ? { dim_value: dim } : { dim_param: dim })) },
      },
    },
  };
}
