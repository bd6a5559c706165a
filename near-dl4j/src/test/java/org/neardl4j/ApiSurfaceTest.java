/*
 * Copyright 2026 the near-dl4j authors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package org.neardl4j;

import com.google.common.reflect.ClassPath;
import org.junit.jupiter.api.Test;
import org.neardl4j.score.NearScorer;
import org.neardl4j.tune.ArchitectureRanking;
import org.neardl4j.tune.WidthEstimator;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What users of the library see of it: no Guava type in a public signature (users would be tied to Guava's
 * version), and the option-carrying tools print their options.
 */
class ApiSurfaceTest {

    @Test
    void noPublicMethodOrFieldReturnsAGuavaType() throws Exception {
        List<String> offenders = new ArrayList<>();
        int classes = 0;
        for (ClassPath.ClassInfo info : ClassPath.from(getClass().getClassLoader())
                .getTopLevelClassesRecursive("org.neardl4j")) {
            Class<?> c = info.load();
            if (!Modifier.isPublic(c.getModifiers()) || c.getProtectionDomain().getCodeSource() == null
                    || c.getProtectionDomain().getCodeSource().getLocation().getPath().contains("test-classes")) {
                continue;
            }
            classes++;
            for (Method m : c.getMethods()) {
                if (m.getDeclaringClass().getName().startsWith("org.neardl4j") && isGuava(m.getGenericReturnType())) {
                    offenders.add(c.getName() + "." + m.getName() + "() returns " + m.getGenericReturnType());
                }
            }
            for (Field f : c.getFields()) {
                if (isGuava(f.getGenericType())) {
                    offenders.add(c.getName() + "." + f.getName() + " is a " + f.getGenericType());
                }
            }
        }
        assertTrue(classes > 50, "the library's public classes were found: " + classes);
        assertEquals(List.of(), offenders);
    }

    private static boolean isGuava(Type t) {
        if (t instanceof Class<?> c) {
            return c.getName().startsWith("com.google.common.");
        }
        if (t instanceof ParameterizedType p) {
            if (isGuava(p.getRawType())) {
                return true;
            }
            for (Type a : p.getActualTypeArguments()) {
                if (isGuava(a)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void toolsPrintTheirOptions() {
        NearScorer scorer = NearScorer.builder().repetitions(3).seed(42).maxSamples(500).build();
        String s = scorer.toString();
        assertTrue(s.startsWith("NearScorer{") && s.contains("repetitions=3") && s.contains("seed=42")
                && s.contains("maxSamples=500") && s.contains("blockMode=") && s.contains("rankMethod="), s);
        assertTrue(NearScorer.builder().build().toString().contains("maxSamples=unlimited"));

        String r = ArchitectureRanking.builder().scorer(scorer).freshWeights(true).build().toString();
        assertTrue(r.startsWith("ArchitectureRanking{scorer=NearScorer{repetitions=3") && r.contains("freshWeights=true")
                && r.contains("isolateFailures=false"), r);

        String w = WidthEstimator.builder().layer("hidden").widths(8, 16, 32).threshold(0.01).scorer(scorer).build()
                .toString();
        assertTrue(w.startsWith("WidthEstimator{layer=hidden") && w.contains("widths=[8, 16, 32]")
                && w.contains("threshold=0.01") && w.contains("scorer=NearScorer{"), w);
    }
}
