// Measures glibc libmvec SIMD variants against scalar libm (max error in ulp of the
// libm result; NaN/inf/signed-zero mismatches count as infinite). 2e6 inputs per
// function, a quarter random bit patterns. Produced the table in
// Sources/KernLLVM/VectorMathLibrary.swift (docs/vector-math.md).
// Build: gcc -O2 -mavx512f -mavx2 -mfma scripts/libmvec-accuracy.c -o /tmp/acc -lmvec -lm
#include <immintrin.h>
#include <math.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>
static uint64_t s=88172645463325252ull; static uint64_t rnd(){s^=s<<13;s^=s>>7;s^=s<<17;return s;}
static double ulpd(double ref,double got){ if(isnan(ref)&&isnan(got))return 0; if(isnan(ref)||isnan(got))return 1e30;
 if(isinf(ref)||isinf(got)) return ref==got?0:1e30; if(ref==got) return (signbit(ref)==signbit(got))?0:1e30;
 int e; frexp(ref,&e); double u=ldexp(1.0,(e-53)<-1074?-1074:e-53); return fabs(ref-got)/u;}
static double ulpf(float ref,float got){ if(isnan(ref)&&isnan(got))return 0; if(isnan(ref)||isnan(got))return 1e30;
 if(isinf(ref)||isinf(got)) return ref==got?0:1e30; if(ref==got) return (signbit(ref)==signbit(got))?0:1e30;
 int e; frexpf(ref,&e); double u=ldexp(1.0,(e-24)<-149?-149:e-24); return fabs((double)ref-(double)got)/u;}
static double gen(int k,double lo,double hi){ uint64_t r=rnd(); if(k%4==0){double d; uint64_t b=rnd(); memcpy(&d,&b,8); return d;} return lo+(hi-lo)*(r>>11)*0x1p-53;}
static float genf(int k,double lo,double hi){ uint64_t r=rnd(); if(k%4==0){float d; uint32_t b=rnd(); memcpy(&d,&b,4); return d;} return (float)(lo+(hi-lo)*(r>>11)*0x1p-53);}
#define N 2000000
#define D1(name,lo,hi) { __m512d _ZGVeN8v_##name(__m512d); __m256d _ZGVdN4v_##name(__m256d); double md=0,me=0; double wd=0,we=0; \
 for(int k=0;k<N;k+=8){ double x[8],y[8],z[8]; for(int j=0;j<8;j++) x[j]=gen(k+j*1,lo,hi); \
  _mm512_storeu_pd(y,_ZGVeN8v_##name(_mm512_loadu_pd(x))); _mm256_storeu_pd(z,_ZGVdN4v_##name(_mm256_loadu_pd(x))); _mm256_storeu_pd(z+4,_ZGVdN4v_##name(_mm256_loadu_pd(x+4))); \
  for(int j=0;j<8;j++){double r=name(x[j]); double e1=ulpd(r,y[j]),e2=ulpd(r,z[j]); if(e1>me){me=e1;we=x[j];} if(e2>md){md=e2;wd=x[j];}}} \
 printf("%-8s f64 e8 %8.3g (x=%a)  d4 %8.3g (x=%a)\n",#name,me,we,md,wd);}
#define F1(name,lo,hi) { __m512 _ZGVeN16v_##name##f(__m512); __m256 _ZGVdN8v_##name##f(__m256); double md=0,me=0; float wd=0,we=0; \
 for(int k=0;k<N;k+=16){ float x[16],y[16],z[16]; for(int j=0;j<16;j++) x[j]=genf(k+j,lo,hi); \
  _mm512_storeu_ps(y,_ZGVeN16v_##name##f(_mm512_loadu_ps(x))); _mm256_storeu_ps(z,_ZGVdN8v_##name##f(_mm256_loadu_ps(x))); _mm256_storeu_ps(z+8,_ZGVdN8v_##name##f(_mm256_loadu_ps(x+8))); \
  for(int j=0;j<16;j++){float r=name##f(x[j]); double e1=ulpf(r,y[j]),e2=ulpf(r,z[j]); if(e1>me){me=e1;we=x[j];} if(e2>md){md=e2;wd=x[j];}}} \
 printf("%-8s f32 e16 %8.3g (x=%a)  d8 %8.3g (x=%a)\n",#name,me,we,md,wd);}
#define D2(name,lo,hi) { __m512d _ZGVeN8vv_##name(__m512d,__m512d); __m256d _ZGVdN4vv_##name(__m256d,__m256d); double md=0,me=0; double wd=0,we=0; \
 for(int k=0;k<N;k+=8){ double x[8],x2[8],y[8],z[8]; for(int j=0;j<8;j++){ x[j]=fabs(gen(k+j,lo,hi)); x2[j]=gen(k+j+1,-30,30);} \
  _mm512_storeu_pd(y,_ZGVeN8vv_##name(_mm512_loadu_pd(x),_mm512_loadu_pd(x2))); _mm256_storeu_pd(z,_ZGVdN4vv_##name(_mm256_loadu_pd(x),_mm256_loadu_pd(x2))); _mm256_storeu_pd(z+4,_ZGVdN4vv_##name(_mm256_loadu_pd(x+4),_mm256_loadu_pd(x2+4))); \
  for(int j=0;j<8;j++){double r=name(x[j],x2[j]); double e1=ulpd(r,y[j]),e2=ulpd(r,z[j]); if(e1>me){me=e1;we=x[j];} if(e2>md){md=e2;wd=x[j];}}} \
 printf("%-8s f64 e8 %8.3g (x=%a)  d4 %8.3g (x=%a)\n",#name,me,we,md,wd);}
#define F2(name,lo,hi) { __m512 _ZGVeN16vv_##name##f(__m512,__m512); __m256 _ZGVdN8vv_##name##f(__m256,__m256); double md=0,me=0; float wd=0,we=0; \
 for(int k=0;k<N;k+=16){ float x[16],x2[16],y[16],z[16]; for(int j=0;j<16;j++){ x[j]=fabsf(genf(k+j,lo,hi)); x2[j]=genf(k+j+1,-30,30);} \
  _mm512_storeu_ps(y,_ZGVeN16vv_##name##f(_mm512_loadu_ps(x),_mm512_loadu_ps(x2))); _mm256_storeu_ps(z,_ZGVdN8vv_##name##f(_mm256_loadu_ps(x),_mm256_loadu_ps(x2))); _mm256_storeu_ps(z+8,_ZGVdN8vv_##name##f(_mm256_loadu_ps(x+8),_mm256_loadu_ps(x2+8))); \
  for(int j=0;j<16;j++){float r=name##f(x[j],x2[j]); double e1=ulpf(r,y[j]),e2=ulpf(r,z[j]); if(e1>me){me=e1;we=x[j];} if(e2>md){md=e2;wd=x[j];}}} \
 printf("%-8s f32 e16 %8.3g (x=%a)  d8 %8.3g (x=%a)\n",#name,me,we,md,wd);}
#define B(name,lo,hi) D1(name,lo,hi) F1(name,lo,hi)
int main(){
 B(exp,-750,720) B(exp2,-1100,1030) B(expm1,-50,720) B(log,0,1e6) B(log2,0,1e6) B(log10,0,1e6) B(log1p,-1,1e6)
 B(sin,-1e4,1e4) B(cos,-1e4,1e4) B(tan,-1e4,1e4) B(asin,-1,1) B(acos,-1,1) B(atan,-1e3,1e3)
 B(sinh,-720,720) B(cosh,-720,720) B(tanh,-30,30) B(cbrt,-1e6,1e6) B(erf,-6,6) B(erfc,-6,30)
 D2(pow,0,100) F2(pow,0,100) D2(atan2,-100,100) F2(atan2,-100,100) D2(hypot,-1e3,1e3) F2(hypot,-1e3,1e3)
}
