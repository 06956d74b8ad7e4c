/// IR programs shared by several test files.
enum IRFixtures {
    /// A parallel loop with every reduction kind: sum ($0 add), max ($1 max), a product
    /// ($2 mul, updated only at i == 3000) and an array reduction (%7, buckets i % 4).
    /// Returns sum + max + bucket 1 + product.
    static let parallelReductions = """
        module "t"
        export func @f(%0 x: [f64; 1]) -> f64 {
          slot $0 s: f64
          slot $1 m: f64
          slot $2 p: i32
          %1 = const 0.0 : f64
          store $0, %1
          %2 = const -inf : f64
          store $1, %2
          %30 = const 1 : i32
          store $2, %30
          %3 = const 0 : i64
          %4 = const 1 : i64
          %5 = dim %0, 0 : i64
          %6 = const 4 : i64
          %7 = alloc i64 [%6] fill %3 : [i64; 1]
          for %8: i64 = %3 ..< %5 step %4 parallel(reduce $0 add, reduce $1 max, reduce $2 mul, array %7) {
            %9 = load.elem %0[%8] : f64
            %10 = load $0 : f64
            %11 = add %10, %9 : f64
            store $0, %11
            %12 = load $1 : f64
            %13 = math.max %12, %9 : f64
            store $1, %13
            %14 = rem %8, %6 : i64
            %15 = load.elem %7[%14] : i64
            %16 = add %15, %4 : i64
            store.elem %7[%14], %16
            %31 = const 3000 : i64
            %32 = cmp eq %8, %31 : bool
            if %32 {
              %33 = load $2 : i32
              %34 = const -2 : i32
              %35 = mul %33, %34 : i32
              store $2, %35
            }
          }
          %17 = load $0 : f64
          %18 = load $1 : f64
          %19 = add %17, %18 : f64
          %20 = const 1 : i64
          %21 = load.elem %7[%20] : i64
          %22 = convert %21 : f64
          %23 = add %19, %22 : f64
          %36 = load $2 : i32
          %37 = convert %36 : f64
          %38 = add %23, %37 : f64
          return %38
        }
        """
}
