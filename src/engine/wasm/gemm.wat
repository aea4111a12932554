;; Float32 GEMM for the engine: C (m×n) (+)= op(A) (m×k) · op(B) (k×n).
;;
;; Every operand is addressed by byte pointer and element strides, so one routine
;; serves A·B, A·Bᵀ and Aᵀ·B: element (i, p) of A is at a + 4·(i·ars + p·acs), and
;; element (p, j) of B at b + 4·(p·brs + j·bcs). C is row-major with row stride ldc.
;;
;; Blocking (Goto/BLIS): B is packed in KC×NC blocks of 8-column panels, A in
;; MC×KC blocks of 4-row panels, both zero-padded, and a 4×8 register-blocked
;; micro-kernel keeps 8 f32x4 accumulators. The accumulation lines of the
;; micro-kernel are written as mul + add; scripts/build-wasm.mjs rewrites them
;; into f32x4.relaxed_madd for the fused multiply-add build.
;;
;; `work` must hold WORK_BYTES (see gemm.ts) and belongs to one caller at a time,
;; so two threads can run on disjoint parts of C with their own work areas.
(module
  (import "env" "memory" (memory 1 16384 shared))

  ;; Block sizes, in elements: KC = 256, MC = 128, NC = 512.
  ;; Work layout: packed B (KC·NC·4 = 524288 bytes), packed A (MC·KC·4 = 131072), edge tile (128).

;; Four vectors of 4 floats at src, src + stride, src + 2·stride, src + 3·stride,
  ;; transposed: float p of vector r goes to dst + 32·p + 4·r (rows of a packed B panel).
  (func $transpose4 (param $src i32) (param $stride i32) (param $dst i32)
    (local $q0 v128) (local $q1 v128) (local $q2 v128) (local $q3 v128) (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    (local.set $q0 (v128.load (local.get $src)))
    (local.set $q1 (v128.load (i32.add (local.get $src) (local.get $stride))))
    (local.set $q2 (v128.load (i32.add (local.get $src) (i32.shl (local.get $stride) (i32.const 1)))))
    (local.set $q3 (v128.load (i32.add (local.get $src) (i32.mul (local.get $stride) (i32.const 3)))))
    (local.set $t0 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $q0) (local.get $q1)))
    (local.set $t1 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $q2) (local.get $q3)))
    (local.set $t2 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $q0) (local.get $q1)))
    (local.set $t3 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $q2) (local.get $q3)))
    (v128.store (local.get $dst) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t0) (local.get $t1)))
    (v128.store offset=32 (local.get $dst) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t0) (local.get $t1)))
    (v128.store offset=64 (local.get $dst) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t2) (local.get $t3)))
    (v128.store offset=96 (local.get $dst) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t2) (local.get $t3))))

    ;; Pack B(0..kc, 0..nc) into 8-column panels: panel q holds kc rows of 8 floats.
  (func $pack_b (param $b i32) (param $rs i32) (param $cs i32) (param $kc i32) (param $nc i32) (param $dst i32)
    (local $jb i32) (local $w i32) (local $p i32) (local $j i32) (local $src i32) (local $rsb i32) (local $csb i32)
    (local.set $rsb (i32.shl (local.get $rs) (i32.const 2)))
    (local.set $csb (i32.shl (local.get $cs) (i32.const 2)))
    (block $done
      (loop $panels
        (br_if $done (i32.ge_u (local.get $jb) (local.get $nc)))
        (local.set $w (i32.sub (local.get $nc) (local.get $jb)))
        (local.set $src (i32.add (local.get $b) (i32.mul (local.get $jb) (local.get $csb))))
        (local.set $p (i32.const 0))
        (if (i32.and (i32.ge_u (local.get $w) (i32.const 8)) (i32.eq (local.get $cs) (i32.const 1)))
          (then
            ;; Contiguous rows: two vector copies per row.
            (loop $rows
              (v128.store (local.get $dst) (v128.load (local.get $src)))
              (v128.store offset=16 (local.get $dst) (v128.load offset=16 (local.get $src)))
              (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
              (local.set $src (i32.add (local.get $src) (local.get $rsb)))
              (local.set $p (i32.add (local.get $p) (i32.const 1)))
              (br_if $rows (i32.lt_u (local.get $p) (local.get $kc)))))
          (else
            (if (i32.and (i32.ge_u (local.get $w) (i32.const 8)) (i32.eq (local.get $rs) (i32.const 1)))
              (then
                ;; Bᵀ stored row-major: load 4 rows of each of the 8 columns, transpose two 4×4 blocks.
                (block $tdone
                  (loop $quads
                    (br_if $tdone (i32.gt_u (i32.add (local.get $p) (i32.const 4)) (local.get $kc)))
                    (call $transpose4 (local.get $src) (local.get $csb) (local.get $dst))
                    (call $transpose4 (i32.add (local.get $src) (i32.shl (local.get $csb) (i32.const 2))) (local.get $csb)
                      (i32.add (local.get $dst) (i32.const 16)))
                    (local.set $dst (i32.add (local.get $dst) (i32.const 128)))
                    (local.set $src (i32.add (local.get $src) (i32.const 16)))
                    (local.set $p (i32.add (local.get $p) (i32.const 4)))
                    (br $quads)))))
            (if (i32.lt_u (local.get $p) (local.get $kc))
              (then
            (loop $rows2
              (local.set $j (i32.const 0))
              (loop $cols
                (f32.store (i32.add (local.get $dst) (i32.shl (local.get $j) (i32.const 2)))
                  (if (result f32) (i32.lt_u (local.get $j) (local.get $w))
                    (then (f32.load (i32.add (local.get $src) (i32.mul (local.get $j) (local.get $csb)))))
                    (else (f32.const 0))))
                (local.set $j (i32.add (local.get $j) (i32.const 1)))
                (br_if $cols (i32.lt_u (local.get $j) (i32.const 8))))
              (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
              (local.set $src (i32.add (local.get $src) (local.get $rsb)))
              (local.set $p (i32.add (local.get $p) (i32.const 1)))
              (br_if $rows2 (i32.lt_u (local.get $p) (local.get $kc))))))))
        (local.set $jb (i32.add (local.get $jb) (i32.const 8)))
        (br $panels))))

  ;; Pack A(0..mc, 0..kc) into 4-row panels: panel q holds kc columns of 4 floats.
  (func $pack_a (param $a i32) (param $rs i32) (param $cs i32) (param $mc i32) (param $kc i32) (param $dst i32)
    (local $ib i32) (local $h i32) (local $p i32) (local $r i32) (local $src i32) (local $rsb i32) (local $csb i32)
    (local $q0 v128) (local $q1 v128) (local $q2 v128) (local $q3 v128) (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    (local.set $rsb (i32.shl (local.get $rs) (i32.const 2)))
    (local.set $csb (i32.shl (local.get $cs) (i32.const 2)))
    (block $done
      (loop $panels
        (br_if $done (i32.ge_u (local.get $ib) (local.get $mc)))
        (local.set $h (i32.sub (local.get $mc) (local.get $ib)))
        (local.set $src (i32.add (local.get $a) (i32.mul (local.get $ib) (local.get $rsb))))
        (local.set $p (i32.const 0))
        (if (i32.and (i32.ge_u (local.get $h) (i32.const 4)) (i32.eq (local.get $rs) (i32.const 1)))
          (then
            ;; Aᵀ stored row-major: the 4 rows of a column are contiguous.
            (loop $cols
              (v128.store (local.get $dst) (v128.load (local.get $src)))
              (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
              (local.set $src (i32.add (local.get $src) (local.get $csb)))
              (local.set $p (i32.add (local.get $p) (i32.const 1)))
              (br_if $cols (i32.lt_u (local.get $p) (local.get $kc)))))
          (else
            (if (i32.and (i32.ge_u (local.get $h) (i32.const 4)) (i32.eq (local.get $cs) (i32.const 1)))
              (then
                ;; Row-major A: load 4 columns of each of the 4 rows and transpose the 4×4 block.
                (block $tdone
                  (loop $quads
                    (br_if $tdone (i32.gt_u (i32.add (local.get $p) (i32.const 4)) (local.get $kc)))
                    (local.set $q0 (v128.load (local.get $src)))
                    (local.set $q1 (v128.load (i32.add (local.get $src) (local.get $rsb))))
                    (local.set $q2 (v128.load (i32.add (local.get $src) (i32.shl (local.get $rsb) (i32.const 1)))))
                    (local.set $q3 (v128.load (i32.add (local.get $src) (i32.mul (local.get $rsb) (i32.const 3)))))
                    ;; t0 = r0p0 r1p0 r0p1 r1p1, t1 = r2p0 r3p0 r2p1 r3p1, t2/t3 the same for p2, p3.
                    (local.set $t0 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $q0) (local.get $q1)))
                    (local.set $t1 (i8x16.shuffle 0 1 2 3 16 17 18 19 4 5 6 7 20 21 22 23 (local.get $q2) (local.get $q3)))
                    (local.set $t2 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $q0) (local.get $q1)))
                    (local.set $t3 (i8x16.shuffle 8 9 10 11 24 25 26 27 12 13 14 15 28 29 30 31 (local.get $q2) (local.get $q3)))
                    (v128.store (local.get $dst) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t0) (local.get $t1)))
                    (v128.store offset=16 (local.get $dst) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t0) (local.get $t1)))
                    (v128.store offset=32 (local.get $dst) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $t2) (local.get $t3)))
                    (v128.store offset=48 (local.get $dst) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $t2) (local.get $t3)))
                    (local.set $dst (i32.add (local.get $dst) (i32.const 64)))
                    (local.set $src (i32.add (local.get $src) (i32.const 16)))
                    (local.set $p (i32.add (local.get $p) (i32.const 4)))
                    (br $quads)))))
            (if (i32.lt_u (local.get $p) (local.get $kc))
              (then
            (loop $cols2
              (local.set $r (i32.const 0))
              (loop $rows
                (f32.store (i32.add (local.get $dst) (i32.shl (local.get $r) (i32.const 2)))
                  (if (result f32) (i32.lt_u (local.get $r) (local.get $h))
                    (then (f32.load (i32.add (local.get $src) (i32.mul (local.get $r) (local.get $rsb)))))
                    (else (f32.const 0))))
                (local.set $r (i32.add (local.get $r) (i32.const 1)))
                (br_if $rows (i32.lt_u (local.get $r) (i32.const 4))))
              (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
              (local.set $src (i32.add (local.get $src) (local.get $csb)))
              (local.set $p (i32.add (local.get $p) (i32.const 1)))
              (br_if $cols2 (i32.lt_u (local.get $p) (local.get $kc))))))))
        (local.set $ib (i32.add (local.get $ib) (i32.const 4)))
        (br $panels))))

  ;; C(0..mr, 0..nr) += Apanel · Bpanel over kc: the 4×8 micro-kernel.
  (func $kernel (param $pa i32) (param $pb i32) (param $kc i32) (param $c i32) (param $ldcb i32)
                (param $mr i32) (param $nr i32) (param $tile i32)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local $b0 v128) (local $b1 v128) (local $a v128) (local $end i32) (local $r i32) (local $j i32)
    (local $src i32) (local $dst i32)
    (local.set $end (i32.add (local.get $pb) (i32.shl (local.get $kc) (i32.const 5))))
    (loop $k
      (local.set $b0 (v128.load (local.get $pb)))
      (local.set $b1 (v128.load offset=16 (local.get $pb)))
      (local.set $a (v128.load32_splat (local.get $pa)))
      (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $a) (local.get $b0))))
      (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $a) (local.get $b1))))
      (local.set $a (v128.load32_splat offset=4 (local.get $pa)))
      (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $a) (local.get $b0))))
      (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $a) (local.get $b1))))
      (local.set $a (v128.load32_splat offset=8 (local.get $pa)))
      (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $a) (local.get $b0))))
      (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $a) (local.get $b1))))
      (local.set $a (v128.load32_splat offset=12 (local.get $pa)))
      (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $a) (local.get $b0))))
      (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $a) (local.get $b1))))
      (local.set $pa (i32.add (local.get $pa) (i32.const 16)))
      (local.set $pb (i32.add (local.get $pb) (i32.const 32)))
      (br_if $k (i32.lt_u (local.get $pb) (local.get $end))))
    (if (i32.and (i32.eq (local.get $mr) (i32.const 4)) (i32.eq (local.get $nr) (i32.const 8)))
      (then
        (v128.store (local.get $c) (f32x4.add (v128.load (local.get $c)) (local.get $c00)))
        (v128.store offset=16 (local.get $c) (f32x4.add (v128.load offset=16 (local.get $c)) (local.get $c01)))
        (local.set $c (i32.add (local.get $c) (local.get $ldcb)))
        (v128.store (local.get $c) (f32x4.add (v128.load (local.get $c)) (local.get $c10)))
        (v128.store offset=16 (local.get $c) (f32x4.add (v128.load offset=16 (local.get $c)) (local.get $c11)))
        (local.set $c (i32.add (local.get $c) (local.get $ldcb)))
        (v128.store (local.get $c) (f32x4.add (v128.load (local.get $c)) (local.get $c20)))
        (v128.store offset=16 (local.get $c) (f32x4.add (v128.load offset=16 (local.get $c)) (local.get $c21)))
        (local.set $c (i32.add (local.get $c) (local.get $ldcb)))
        (v128.store (local.get $c) (f32x4.add (v128.load (local.get $c)) (local.get $c30)))
        (v128.store offset=16 (local.get $c) (f32x4.add (v128.load offset=16 (local.get $c)) (local.get $c31))))
      (else
        ;; An edge tile: spill the accumulators, then add the part inside C.
        (v128.store (local.get $tile) (local.get $c00))
        (v128.store offset=16 (local.get $tile) (local.get $c01))
        (v128.store offset=32 (local.get $tile) (local.get $c10))
        (v128.store offset=48 (local.get $tile) (local.get $c11))
        (v128.store offset=64 (local.get $tile) (local.get $c20))
        (v128.store offset=80 (local.get $tile) (local.get $c21))
        (v128.store offset=96 (local.get $tile) (local.get $c30))
        (v128.store offset=112 (local.get $tile) (local.get $c31))
        (loop $rows
          (local.set $j (i32.const 0))
          (loop $cols
            (local.set $dst (i32.add (local.get $c) (i32.shl (local.get $j) (i32.const 2))))
            (local.set $src (i32.add (local.get $tile) (i32.shl (i32.add (i32.shl (local.get $r) (i32.const 3)) (local.get $j)) (i32.const 2))))
            (f32.store (local.get $dst) (f32.add (f32.load (local.get $dst)) (f32.load (local.get $src))))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br_if $cols (i32.lt_u (local.get $j) (local.get $nr))))
          (local.set $c (i32.add (local.get $c) (local.get $ldcb)))
          (local.set $r (i32.add (local.get $r) (i32.const 1)))
          (br_if $rows (i32.lt_u (local.get $r) (local.get $mr)))))))

  (func (export "gemm")
    (param $m i32) (param $n i32) (param $k i32)
    (param $a i32) (param $ars i32) (param $acs i32)
    (param $b i32) (param $brs i32) (param $bcs i32)
    (param $c i32) (param $ldc i32) (param $accumulate i32) (param $work i32)
    (local $i i32) (local $j0 i32) (local $nc i32) (local $k0 i32) (local $kc i32) (local $i0 i32) (local $mc i32)
    (local $jr i32) (local $ir i32) (local $ldcb i32) (local $abuf i32) (local $tile i32) (local $crow i32)
    (local.set $ldcb (i32.shl (local.get $ldc) (i32.const 2)))
    (local.set $abuf (i32.add (local.get $work) (i32.const 524288)))
    (local.set $tile (i32.add (local.get $abuf) (i32.const 131072)))
    (if (i32.eqz (local.get $accumulate))
      (then
        (block $zeroed
          (loop $zero
            (br_if $zeroed (i32.ge_u (local.get $i) (local.get $m)))
            (memory.fill (i32.add (local.get $c) (i32.mul (local.get $i) (local.get $ldcb)))
              (i32.const 0) (i32.shl (local.get $n) (i32.const 2)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $zero)))))
    (if (i32.or (i32.or (i32.eqz (local.get $k)) (i32.eqz (local.get $m))) (i32.eqz (local.get $n))) (then (return)))
    (loop $jblocks
      (local.set $nc (select (i32.const 512) (i32.sub (local.get $n) (local.get $j0))
        (i32.gt_u (i32.sub (local.get $n) (local.get $j0)) (i32.const 512))))
      (local.set $k0 (i32.const 0))
      (loop $kblocks
        (local.set $kc (select (i32.const 256) (i32.sub (local.get $k) (local.get $k0))
          (i32.gt_u (i32.sub (local.get $k) (local.get $k0)) (i32.const 256))))
        (call $pack_b
          (i32.add (local.get $b) (i32.shl (i32.add (i32.mul (local.get $k0) (local.get $brs)) (i32.mul (local.get $j0) (local.get $bcs))) (i32.const 2)))
          (local.get $brs) (local.get $bcs) (local.get $kc) (local.get $nc) (local.get $work))
        (local.set $i0 (i32.const 0))
        (loop $iblocks
          (local.set $mc (select (i32.const 128) (i32.sub (local.get $m) (local.get $i0))
            (i32.gt_u (i32.sub (local.get $m) (local.get $i0)) (i32.const 128))))
          (call $pack_a
            (i32.add (local.get $a) (i32.shl (i32.add (i32.mul (local.get $i0) (local.get $ars)) (i32.mul (local.get $k0) (local.get $acs))) (i32.const 2)))
            (local.get $ars) (local.get $acs) (local.get $mc) (local.get $kc) (local.get $abuf))
          (local.set $jr (i32.const 0))
          (loop $jpanels
            (local.set $ir (i32.const 0))
            (loop $ipanels
              (local.set $crow (i32.add (local.get $c)
                (i32.shl (i32.add (i32.mul (i32.add (local.get $i0) (local.get $ir)) (local.get $ldc)) (i32.add (local.get $j0) (local.get $jr))) (i32.const 2))))
              (call $kernel
                (i32.add (local.get $abuf) (i32.shl (i32.mul (local.get $ir) (local.get $kc)) (i32.const 2)))
                (i32.add (local.get $work) (i32.shl (i32.mul (local.get $jr) (local.get $kc)) (i32.const 2)))
                (local.get $kc) (local.get $crow) (local.get $ldcb)
                (select (i32.const 4) (i32.sub (local.get $mc) (local.get $ir)) (i32.gt_u (i32.sub (local.get $mc) (local.get $ir)) (i32.const 4)))
                (select (i32.const 8) (i32.sub (local.get $nc) (local.get $jr)) (i32.gt_u (i32.sub (local.get $nc) (local.get $jr)) (i32.const 8)))
                (local.get $tile))
              (local.set $ir (i32.add (local.get $ir) (i32.const 4)))
              (br_if $ipanels (i32.lt_u (local.get $ir) (local.get $mc))))
            (local.set $jr (i32.add (local.get $jr) (i32.const 8)))
            (br_if $jpanels (i32.lt_u (local.get $jr) (local.get $nc))))
          (local.set $i0 (i32.add (local.get $i0) (i32.const 128)))
          (br_if $iblocks (i32.lt_u (local.get $i0) (local.get $m))))
        (local.set $k0 (i32.add (local.get $k0) (i32.const 256)))
        (br_if $kblocks (i32.lt_u (local.get $k0) (local.get $k))))
      (local.set $j0 (i32.add (local.get $j0) (i32.const 512)))
      (br_if $jblocks (i32.lt_u (local.get $j0) (local.get $n)))))
)
