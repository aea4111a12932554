;; Float32 element-wise kernels next to the GEMM, over the same shared memory:
;; the bias and activation of a Dense layer fused into one pass forward, the
;; activation derivative and dL/db fused into one pass backward, and the SGD,
;; momentum and Adam updates.
;; Activation codes: 0 linear, 1 relu, 2 leakyRelu (slope alpha), 3 tanh, 4 sigmoid.
;; Forward handles codes 0–2 (tanh and sigmoid need exp, which WebAssembly has
;; not; the caller applies them after a linear pass). Pointers are byte offsets.
(module
  (import "env" "memory" (memory 1 16384 shared))

  ;; y = f(z) element-wise for codes 0–2, given as vectors.
  (func $act4 (param $z v128) (param $code i32) (param $alpha v128) (result v128)
    (if (result v128) (i32.eq (local.get $code) (i32.const 1))
      (then (f32x4.max (local.get $z) (f32x4.splat (f32.const 0))))
      (else
        (if (result v128) (i32.eq (local.get $code) (i32.const 2))
          (then (v128.bitselect (local.get $z) (f32x4.mul (local.get $alpha) (local.get $z))
                  (f32x4.gt (local.get $z) (f32x4.splat (f32.const 0)))))
          (else (local.get $z))))))

  ;; Y[r][j] = f(Y[r][j] + b[j]) for a rows×n matrix Y, in place.
  (func (export "bias_act") (param $y i32) (param $rows i32) (param $n i32) (param $b i32) (param $code i32) (param $alpha f32)
    (local $r i32) (local $j i32) (local $p i32) (local $va v128) (local $v f32)
    (local.set $va (f32x4.splat (local.get $alpha)))
    (block $done
      (loop $rowloop
        (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $j (i32.const 0))
        (block $vdone
          (loop $vec
            (br_if $vdone (i32.gt_u (i32.add (local.get $j) (i32.const 4)) (local.get $n)))
            (local.set $p (i32.add (local.get $y) (i32.shl (local.get $j) (i32.const 2))))
            (v128.store (local.get $p)
              (call $act4 (f32x4.add (v128.load (local.get $p)) (v128.load (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2)))))
                (local.get $code) (local.get $va)))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $vec)))
        (block $sdone
          (loop $scalar
            (br_if $sdone (i32.ge_u (local.get $j) (local.get $n)))
            (local.set $p (i32.add (local.get $y) (i32.shl (local.get $j) (i32.const 2))))
            (local.set $v (f32.add (f32.load (local.get $p)) (f32.load (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))))))
            (f32.store (local.get $p)
              (f32x4.extract_lane 0 (call $act4 (f32x4.splat (local.get $v)) (local.get $code) (local.get $va))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $scalar)))
        (local.set $y (i32.add (local.get $y) (i32.shl (local.get $n) (i32.const 2))))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rowloop))))

  ;; dL/dz = dL/dy ⊙ f'(z), from the layer's output y (f' in terms of y for every code).
  (func $back4 (param $dy v128) (param $y v128) (param $code i32) (param $alpha v128) (result v128)
    (local $one v128)
    (local.set $one (f32x4.splat (f32.const 1)))
    (if (i32.eq (local.get $code) (i32.const 1))
      (then (return (v128.and (local.get $dy) (f32x4.gt (local.get $y) (f32x4.splat (f32.const 0)))))))
    (if (i32.eq (local.get $code) (i32.const 2))
      (then (return (v128.bitselect (local.get $dy) (f32x4.mul (local.get $alpha) (local.get $dy))
        (f32x4.gt (local.get $y) (f32x4.splat (f32.const 0)))))))
    (if (i32.eq (local.get $code) (i32.const 3))
      (then (return (f32x4.mul (local.get $dy) (f32x4.sub (local.get $one) (f32x4.mul (local.get $y) (local.get $y)))))))
    (if (i32.eq (local.get $code) (i32.const 4))
      (then (return (f32x4.mul (f32x4.mul (local.get $dy) (local.get $y)) (f32x4.sub (local.get $one) (local.get $y))))))
    (local.get $dy))

  ;; D = dY ⊙ f'(·) for a rows×n matrix (D may be dY), and db[j] = Σ_r D[r][j] (dL/db of the batch).
  (func (export "act_back_bias") (param $d i32) (param $dy i32) (param $y i32) (param $rows i32) (param $n i32)
        (param $db i32) (param $code i32) (param $alpha f32)
    (local $j i32) (local $off i32) (local $r i32) (local $acc v128) (local $va v128) (local $v v128) (local $s f32) (local $stride i32)
    (local.set $va (f32x4.splat (local.get $alpha)))
    (local.set $stride (i32.shl (local.get $n) (i32.const 2)))
    ;; Column blocks of 4 (then single columns): walk down the rows, keep the block's sum in a register.
    (block $vdone
      (loop $cols
        (br_if $vdone (i32.gt_u (i32.add (local.get $j) (i32.const 4)) (local.get $n)))
        (local.set $off (i32.shl (local.get $j) (i32.const 2)))
        (local.set $acc (f32x4.splat (f32.const 0)))
        (local.set $r (i32.const 0))
        (block $rdone
          (loop $rowsv
            (br_if $rdone (i32.ge_u (local.get $r) (local.get $rows)))
            (local.set $v (call $back4 (v128.load (i32.add (local.get $dy) (local.get $off))) (v128.load (i32.add (local.get $y) (local.get $off)))
              (local.get $code) (local.get $va)))
            (v128.store (i32.add (local.get $d) (local.get $off)) (local.get $v))
            (local.set $acc (f32x4.add (local.get $acc) (local.get $v)))
            (local.set $off (i32.add (local.get $off) (local.get $stride)))
            (local.set $r (i32.add (local.get $r) (i32.const 1)))
            (br $rowsv)))
        (v128.store (i32.add (local.get $db) (i32.shl (local.get $j) (i32.const 2))) (local.get $acc))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $cols)))
    (block $sdone
      (loop $scol
        (br_if $sdone (i32.ge_u (local.get $j) (local.get $n)))
        (local.set $off (i32.shl (local.get $j) (i32.const 2)))
        (local.set $s (f32.const 0))
        (local.set $r (i32.const 0))
        (block $rdone2
          (loop $rows1
            (br_if $rdone2 (i32.ge_u (local.get $r) (local.get $rows)))
            (local.set $v (call $back4 (f32x4.splat (f32.load (i32.add (local.get $dy) (local.get $off))))
              (f32x4.splat (f32.load (i32.add (local.get $y) (local.get $off)))) (local.get $code) (local.get $va)))
            (f32.store (i32.add (local.get $d) (local.get $off)) (f32x4.extract_lane 0 (local.get $v)))
            (local.set $s (f32.add (local.get $s) (f32x4.extract_lane 0 (local.get $v))))
            (local.set $off (i32.add (local.get $off) (local.get $stride)))
            (local.set $r (i32.add (local.get $r) (i32.const 1)))
            (br $rows1)))
        (f32.store (i32.add (local.get $db) (i32.shl (local.get $j) (i32.const 2))) (local.get $s))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $scol))))

  ;; w ← w − lr·g over `length` floats.
  (func (export "sgd") (param $w i32) (param $g i32) (param $length i32) (param $lr f32)
    (local $i i32) (local $vl v128) (local $p i32) (local $q i32)
    (local.set $vl (f32x4.splat (local.get $lr)))
    (block $vdone
      (loop $vec
        (br_if $vdone (i32.gt_u (i32.add (local.get $i) (i32.const 4)) (local.get $length)))
        (local.set $p (i32.add (local.get $w) (i32.shl (local.get $i) (i32.const 2))))
        (local.set $q (i32.add (local.get $g) (i32.shl (local.get $i) (i32.const 2))))
        (v128.store (local.get $p) (f32x4.sub (v128.load (local.get $p)) (f32x4.mul (local.get $vl) (v128.load (local.get $q)))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $vec)))
    (block $sdone
      (loop $scalar
        (br_if $sdone (i32.ge_u (local.get $i) (local.get $length)))
        (local.set $p (i32.add (local.get $w) (i32.shl (local.get $i) (i32.const 2))))
        (local.set $q (i32.add (local.get $g) (i32.shl (local.get $i) (i32.const 2))))
        (f32.store (local.get $p) (f32.sub (f32.load (local.get $p)) (f32.mul (local.get $lr) (f32.load (local.get $q)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $scalar))))
;; The momentum and Adam updates run over whole vectors: their buffers come
  ;; from WasmRuntime.alloc, padded with zeros to 16 bytes, and a zero gradient
  ;; leaves a zero parameter, velocity and moments unchanged.

  ;; v ← μ·v + g; w ← w − η·v (optimizers.ts, the form tf.train.momentum uses).
  (func (export "momentum") (param $w i32) (param $g i32) (param $v i32) (param $length i32) (param $lr f32) (param $mu f32)
    (local $end i32) (local $vel v128) (local $vl v128) (local $vm v128)
    (local.set $vl (f32x4.splat (local.get $lr)))
    (local.set $vm (f32x4.splat (local.get $mu)))
    (local.set $end (i32.add (local.get $w) (i32.shl (local.get $length) (i32.const 2))))
    (block $done
      (loop $vec
        (br_if $done (i32.ge_u (local.get $w) (local.get $end)))
        (local.set $vel (f32x4.add (f32x4.mul (local.get $vm) (v128.load (local.get $v))) (v128.load (local.get $g))))
        (v128.store (local.get $v) (local.get $vel))
        (v128.store (local.get $w) (f32x4.sub (v128.load (local.get $w)) (f32x4.mul (local.get $vl) (local.get $vel))))
        (local.set $w (i32.add (local.get $w) (i32.const 16)))
        (local.set $g (i32.add (local.get $g) (i32.const 16)))
        (local.set $v (i32.add (local.get $v) (i32.const 16)))
        (br $vec))))

  ;; m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²; w ← w − η·(m/c1)/(√(v/c2) + ε)
  ;; (optimizers.ts), computed as w − a·m/(s·√v + ε) with a = η/c1 and s = 1/√c2
  ;; from the caller, where c1 = 1 − β1ᵗ and c2 = 1 − β2ᵗ: one division per element.
  (func (export "adam") (param $w i32) (param $g i32) (param $m i32) (param $v i32) (param $length i32)
        (param $a f32) (param $s f32) (param $beta1 f32) (param $beta2 f32) (param $eps f32)
    (local $end i32) (local $gv v128) (local $mv v128) (local $vv v128)
    (local $b1 v128) (local $b2 v128) (local $nb1 v128) (local $nb2 v128) (local $va v128) (local $vs v128) (local $ve v128)
    (local.set $b1 (f32x4.splat (local.get $beta1)))
    (local.set $b2 (f32x4.splat (local.get $beta2)))
    (local.set $nb1 (f32x4.splat (f32.sub (f32.const 1) (local.get $beta1))))
    (local.set $nb2 (f32x4.splat (f32.sub (f32.const 1) (local.get $beta2))))
    (local.set $va (f32x4.splat (local.get $a)))
    (local.set $vs (f32x4.splat (local.get $s)))
    (local.set $ve (f32x4.splat (local.get $eps)))
    (local.set $end (i32.add (local.get $w) (i32.shl (local.get $length) (i32.const 2))))
    (block $done
      (loop $vec
        (br_if $done (i32.ge_u (local.get $w) (local.get $end)))
        (local.set $gv (v128.load (local.get $g)))
        (local.set $mv (f32x4.add (f32x4.mul (local.get $b1) (v128.load (local.get $m))) (f32x4.mul (local.get $nb1) (local.get $gv))))
        (local.set $vv (f32x4.add (f32x4.mul (local.get $b2) (v128.load (local.get $v)))
          (f32x4.mul (local.get $nb2) (f32x4.mul (local.get $gv) (local.get $gv)))))
        (v128.store (local.get $m) (local.get $mv))
        (v128.store (local.get $v) (local.get $vv))
        (v128.store (local.get $w) (f32x4.sub (v128.load (local.get $w))
          (f32x4.div (f32x4.mul (local.get $va) (local.get $mv))
            (f32x4.add (f32x4.mul (local.get $vs) (f32x4.sqrt (local.get $vv))) (local.get $ve)))))
        (local.set $w (i32.add (local.get $w) (i32.const 16)))
        (local.set $g (i32.add (local.get $g) (i32.const 16)))
        (local.set $m (i32.add (local.get $m) (i32.const 16)))
        (local.set $v (i32.add (local.get $v) (i32.const 16)))
        (br $vec))))
)
